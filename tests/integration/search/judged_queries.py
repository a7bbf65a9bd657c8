"""The judged query set: what shoppers and editors of this shop type into the
search box, each with the results a good search must show on its first page.

Judged as a shopper would, from the demo data (demo/products.py,
demo/articles/, demo/search.py), not from what the search happens to show.
Results are named stably: a product by its UPC, an article by its slug, a
category by its slug.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Judged:
    """A query; the results that must appear in the first ten; others that
    are relevant too (a right first result) but need not appear; and why a
    shopper expects them, where the query does not say."""

    query: str
    must: tuple[str, ...]
    also: tuple[str, ...] = ()
    why: str = ""

    def relevant(self):
        """What may rightly come first: the results that must appear, the
        others named relevant, and the category of each product that must
        appear (the results page lists matching categories first)."""
        return set(self.must + self.also) | {
            f"category:{CATEGORY_OF[key.removeprefix('product:')]}"
            for key in self.must
            if key.startswith("product:")
        }


def products(*upcs):
    return tuple(f"product:{upc}" for upc in upcs)


def articles(*slugs):
    return tuple(f"article:{slug}" for slug in slugs)


def categories(*slugs):
    return tuple(f"category:{slug}" for slug in slugs)


INVERSION_TABLE = "5060001000011"
DECOMPRESSION_BELT = "5060001000028"
BACK_STRETCHER = "5060001000035"
FOAM_ROLLER = "5060001000059"
MASSAGE_BALLS = "5060001000066"
PERCUSSION_MASSAGER = "5060001000073"
TRIGGER_POINT_CANE = "5060001000080"
ACUPRESSURE_MAT = "5060001000097"
EXERCISE_MAT = "5060001000103"
LOOP_BANDS = "5060001000110"
DOOR_ANCHOR_BAND = "5060001000127"
STABILITY_BALL = "5060001000134"
BALANCE_BOARD = "5060001000141"
CORE_SLIDERS = "5060001000158"
HEAT_PAD = "5060001000165"
WHEAT_WRAP = "5060001000172"
GEL_COLD_PACK = "5060001000189"
HOT_COLD_WRAP = "5060001000196"
NECK_SHOULDER_WRAP = "5060001000202"

DECOMPRESSION_PRODUCTS = (INVERSION_TABLE, DECOMPRESSION_BELT, BACK_STRETCHER)
MASSAGE_PRODUCTS = (
    FOAM_ROLLER,
    MASSAGE_BALLS,
    PERCUSSION_MASSAGER,
    TRIGGER_POINT_CANE,
    ACUPRESSURE_MAT,
)
TRAINING_PRODUCTS = (
    EXERCISE_MAT,
    LOOP_BANDS,
    DOOR_ANCHOR_BAND,
    STABILITY_BALL,
    BALANCE_BOARD,
    CORE_SLIDERS,
)
HEAT_COLD_PRODUCTS = (
    HEAT_PAD,
    WHEAT_WRAP,
    GEL_COLD_PACK,
    HOT_COLD_WRAP,
    NECK_SHOULDER_WRAP,
)

CATEGORY_OF = {
    upc: slug
    for slug, upcs in (
        ("spinal-decompression", DECOMPRESSION_PRODUCTS),
        ("massage-tools", MASSAGE_PRODUCTS),
        ("core-training", TRAINING_PRODUCTS),
        ("heat-and-cold-therapy", HEAT_COLD_PRODUCTS),
    )
    for upc in upcs
}

DECOMPRESSION_ARTICLE = "spinal-decompression-what-it-can-and-cannot-do"
HEAT_COLD_ARTICLE = "heat-or-cold-for-back-pain"
NECK_ARTICLE = "from-lower-back-to-neck"
SITTING_ARTICLE = "how-sitting-switches-off-your-core"
WEAK_CORE_ARTICLE = "signs-of-a-weak-core"
EXERCISES_ARTICLE = "dead-bug-bird-dog-pallof-press"
CORE_ARTICLE = "what-the-core-really-is"

QUERIES = (
    # Category names, whole and in part: the category and its products.
    Judged(
        "spinal decompression",
        categories("spinal-decompression")
        + products(*DECOMPRESSION_PRODUCTS)
        + articles(DECOMPRESSION_ARTICLE),
    ),
    Judged(
        "decompression",
        categories("spinal-decompression")
        + products(*DECOMPRESSION_PRODUCTS)
        + articles(DECOMPRESSION_ARTICLE),
    ),
    Judged(
        "massage tools",
        categories("massage-tools") + products(*MASSAGE_PRODUCTS),
    ),
    Judged(
        "core training",
        categories("core-training") + products(*TRAINING_PRODUCTS),
    ),
    Judged(
        "heat and cold therapy",
        categories("heat-and-cold-therapy")
        + products(*HEAT_COLD_PRODUCTS)
        + articles(HEAT_COLD_ARTICLE),
    ),
    # Product types (Oscar product classes).
    Judged(
        "decompression device",
        products(*DECOMPRESSION_PRODUCTS),
        also=articles(DECOMPRESSION_ARTICLE),
        why="the article is the guide to these devices",
    ),
    Judged(
        "massage tool",
        categories("massage-tools") + products(*MASSAGE_PRODUCTS),
    ),
    Judged("training equipment", products(*TRAINING_PRODUCTS)),
    Judged("heat and cold pack", products(*HEAT_COLD_PRODUCTS)),
    # Product names, whole and in part.
    Judged(
        "inversion table",
        products(INVERSION_TABLE) + articles(DECOMPRESSION_ARTICLE),
    ),
    Judged("back stretcher", products(BACK_STRETCHER)),
    Judged("lumbar belt", products(DECOMPRESSION_BELT)),
    Judged("foam roller", products(FOAM_ROLLER)),
    Judged("massage ball", products(MASSAGE_BALLS)),
    Judged("spiky ball", products(MASSAGE_BALLS)),
    Judged("percussion massager", products(PERCUSSION_MASSAGER)),
    Judged("trigger point cane", products(TRIGGER_POINT_CANE)),
    Judged("acupressure mat", products(ACUPRESSURE_MAT)),
    Judged("balance board", products(BALANCE_BOARD)),
    Judged("wobble board", products(BALANCE_BOARD)),
    Judged("core sliders", products(CORE_SLIDERS)),
    Judged("heat pad", products(HEAT_PAD), also=articles(HEAT_COLD_ARTICLE)),
    Judged(
        "wheat bag",
        products(WHEAT_WRAP),
        why="the heat and cold category sells wheat bags; the wheat wrap is one",
    ),
    Judged("cold pack", products(GEL_COLD_PACK)),
    Judged("neck wrap", products(NECK_SHOULDER_WRAP)),
    Judged("microwave", products(WHEAT_WRAP, NECK_SHOULDER_WRAP)),
    # Plurals.
    Judged("inversion tables", products(INVERSION_TABLE)),
    Judged("massage balls", products(MASSAGE_BALLS)),
    Judged("foam rollers", products(FOAM_ROLLER)),
    Judged("resistance bands", products(LOOP_BANDS, DOOR_ANCHOR_BAND)),
    Judged("stretchers", products(BACK_STRETCHER)),
    # Typos.
    Judged(
        "decompresion",
        categories("spinal-decompression") + products(*DECOMPRESSION_PRODUCTS),
    ),
    Judged("inverson table", products(INVERSION_TABLE)),
    Judged("massge ball", products(MASSAGE_BALLS)),
    Judged("stabilty ball", products(STABILITY_BALL)),
    Judged("acupresure mat", products(ACUPRESSURE_MAT)),
    Judged("percusion massager", products(PERCUSSION_MASSAGER)),
    Judged("balence board", products(BALANCE_BOARD)),
    Judged("sciatca", articles(DECOMPRESSION_ARTICLE)),
    # Synonyms the demo gives editors (demo/search.py), and the editors' pick.
    Judged(
        "traction",
        articles(DECOMPRESSION_ARTICLE)
        + categories("spinal-decompression")
        + products(*DECOMPRESSION_PRODUCTS),
        why="editors' pick: the decompression article, then the inversion "
        "table; traction ~ decompression",
    ),
    Judged("gym ball", products(STABILITY_BALL)),
    Judged("swiss ball", products(STABILITY_BALL)),
    Judged("yoga mat", products(EXERCISE_MAT)),
    Judged("exercise band", products(LOOP_BANDS, DOOR_ANCHOR_BAND)),
    Judged("ice pack", products(GEL_COLD_PACK)),
    Judged("warm wrap", products(WHEAT_WRAP, NECK_SHOULDER_WRAP)),
    Judged("roller", products(FOAM_ROLLER)),
    Judged(
        "massage gun",
        products(PERCUSSION_MASSAGER),
        why="what most shoppers call a percussion massager",
    ),
    # Symptoms and what the articles discuss.
    Judged(
        "sore lower back",
        articles(HEAT_COLD_ARTICLE) + products(HEAT_PAD),
        why="sore ~ pain: the back pain guide, and the heat pad for the lower back",
    ),
    Judged(
        "stiff neck",
        articles(NECK_ARTICLE) + products(NECK_SHOULDER_WRAP),
        why="the neck article opens with a stiff neck; the wrap warms a tense neck",
    ),
    Judged("neck pain", articles(NECK_ARTICLE) + products(NECK_SHOULDER_WRAP)),
    Judged(
        "tight shoulders",
        articles(NECK_ARTICLE) + products(TRIGGER_POINT_CANE, NECK_SHOULDER_WRAP),
        why="the cane reaches tight spots of the shoulders; the wrap is made for them",
    ),
    Judged("sciatica", articles(DECOMPRESSION_ARTICLE)),
    Judged("back pain", articles(HEAT_COLD_ARTICLE)),
    Judged(
        "lower back pain",
        articles(
            HEAT_COLD_ARTICLE, SITTING_ARTICLE, DECOMPRESSION_ARTICLE, CORE_ARTICLE
        ),
        why="the articles filed under the topic Lower back pain",
    ),
    Judged("flare up", articles(HEAT_COLD_ARTICLE)),
    Judged("frozen peas", articles(HEAT_COLD_ARTICLE)),
    Judged("sitting at a desk all day", articles(SITTING_ARTICLE)),
    Judged(
        "desk posture",
        articles(NECK_ARTICLE, SITTING_ARTICLE, WEAK_CORE_ARTICLE),
        why="the articles filed under the topic Desk work and posture",
    ),
    Judged("weak core", articles(WEAK_CORE_ARTICLE)),
    Judged(
        "core exercises",
        articles(EXERCISES_ARTICLE, CORE_ARTICLE) + categories("core-training"),
        also=articles(WEAK_CORE_ARTICLE) + products(*TRAINING_PRODUCTS),
        why="the exercise guides and the shop's core training category; its "
        "equipment is what the exercises are done with",
    ),
    Judged("crunches", articles(CORE_ARTICLE)),
    Judged(
        "pallof press",
        articles(EXERCISES_ARTICLE) + products(DOOR_ANCHOR_BAND),
    ),
    Judged("dead bug", articles(EXERCISES_ARTICLE) + products(EXERCISE_MAT)),
    Judged(
        "stretch",
        products(BACK_STRETCHER, INVERSION_TABLE),
        also=articles(SITTING_ARTICLE, DECOMPRESSION_ARTICLE),
        why="both are sold for a gentle stretch of the spine; the sitting "
        "article teaches a hip flexor stretch, the decompression one the "
        "stretch these devices give",
    ),
    Judged(
        "heat therapy",
        categories("heat-and-cold-therapy")
        + articles(HEAT_COLD_ARTICLE)
        + products(HEAT_PAD),
    ),
    # A question full of stop words.
    Judged(
        "what is the best heat pad for my back",
        products(HEAT_PAD),
        also=articles(HEAT_COLD_ARTICLE),
    ),
    # Attribute values (material).
    Judged("natural rubber", products(MASSAGE_BALLS)),
    Judged("neoprene", products(HOT_COLD_WRAP)),
    Judged("birch", products(BALANCE_BOARD)),
    # UPCs, as printed on the box.
    Judged(INVERSION_TABLE, products(INVERSION_TABLE)),
    Judged(GEL_COLD_PACK, products(GEL_COLD_PACK)),
    # An editor looking for an author's articles.
    Judged(
        "Maren Holt",
        articles(NECK_ARTICLE, DECOMPRESSION_ARTICLE, CORE_ARTICLE),
    ),
)
