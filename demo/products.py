"""The demo catalogue: recovery products written for this site.

No real brands. Prices include VAT. Keys are what the demo articles use to
place callouts; UPCs are stable so loading twice finds the same rows.
Three products exist to show every callout state: one out of stock
(`percussion-massager`), products on sale (`was_price` above `price`) and one
that is not public (`neck-traction-collar`).
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CategorySpec:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class AttributeSpec:
    code: str
    name: str
    type: str  # an Oscar ProductAttribute type: "text", "integer", "boolean", ...


@dataclass(frozen=True)
class ProductClassSpec:
    key: str
    name: str
    attributes: tuple[AttributeSpec, ...]


@dataclass(frozen=True)
class ProductSpec:
    key: str
    upc: str
    title: str
    category: str
    product_class: str
    price: Decimal
    num_in_stock: int
    description: str
    attributes: dict = field(default_factory=dict)
    was_price: Decimal | None = None
    is_public: bool = True

    @property
    def partner_sku(self):
        return f"BB-{self.upc[-5:]}"

    def description_paragraphs(self):
        return [p.strip() for p in self.description.split("\n\n") if p.strip()]


PARTNER_NAME = "Backbone Supplies"

CATEGORIES = (
    CategorySpec(
        key="spinal-decompression",
        name="Spinal decompression",
        description=(
            "Inversion tables, traction belts and back stretchers for a "
            "gentle, temporary stretch of the spine at home."
        ),
    ),
    CategorySpec(
        key="massage-tools",
        name="Massage tools",
        description=(
            "Rollers, balls, canes and massagers for easing tight muscles "
            "in the back, hips and shoulders."
        ),
    ),
    CategorySpec(
        key="core-training",
        name="Core training",
        description=(
            "Mats, bands, balls and balance boards for slow, controlled "
            "exercises that build a stable trunk."
        ),
    ),
    CategorySpec(
        key="heat-and-cold",
        name="Heat and cold therapy",
        description=(
            "Heat pads, wheat bags, gel packs and wraps for stiffness and flare-ups."
        ),
    ),
)

MATERIAL = AttributeSpec("material", "Material", "text")
DIMENSIONS = AttributeSpec("dimensions", "Dimensions", "text")
WEIGHT = AttributeSpec("weight_kg", "Weight (kg)", "float")

PRODUCT_CLASSES = (
    ProductClassSpec(
        key="decompression-device",
        name="Decompression device",
        attributes=(
            MATERIAL,
            DIMENSIONS,
            WEIGHT,
            AttributeSpec("max_user_weight_kg", "Maximum user weight (kg)", "integer"),
        ),
    ),
    ProductClassSpec(
        key="massage-tool",
        name="Massage tool",
        attributes=(
            MATERIAL,
            DIMENSIONS,
            WEIGHT,
            AttributeSpec("firmness", "Firmness", "text"),
            AttributeSpec("battery_powered", "Battery powered", "boolean"),
        ),
    ),
    ProductClassSpec(
        key="training-equipment",
        name="Training equipment",
        attributes=(
            MATERIAL,
            DIMENSIONS,
            WEIGHT,
            AttributeSpec("resistance", "Resistance", "text"),
        ),
    ),
    ProductClassSpec(
        key="heat-cold-pack",
        name="Heat and cold pack",
        attributes=(
            MATERIAL,
            DIMENSIONS,
            AttributeSpec("use", "Use", "text"),
            AttributeSpec("washable_cover", "Washable cover", "boolean"),
        ),
    ),
)

PRODUCTS = (
    ProductSpec(
        key="inversion-table",
        upc="5060001000011",
        title="Fold-Flat Inversion Table",
        category="spinal-decompression",
        product_class="decompression-device",
        price=Decimal("189.00"),
        num_in_stock=6,
        description="""
A sturdy inversion table for a gentle, controlled stretch of the spine.
A tether strap under the backrest sets the maximum angle at 20, 40 or 60
degrees, so you can start shallow and stay there until you know how your
body responds.

The padded backrest is contoured to support the lower back, and the ankle
holders close with a long handle that you can reach without bending down.
The frame folds flat to slide behind a door or under a bed, and rubber feet
protect the floor.

Read the safety guidance before first use: inversion is not suitable for
people with high blood pressure, glaucoma, heart conditions or in pregnancy.
Always have someone nearby for your first sessions.
""",
        attributes={
            "material": "Powder-coated steel frame, foam backrest",
            "dimensions": "Folded 150 × 70 × 25 cm",
            "weight_kg": 21.5,
            "max_user_weight_kg": 136,
        },
    ),
    ProductSpec(
        key="decompression-belt",
        upc="5060001000028",
        title="Inflatable Lumbar Decompression Belt",
        category="spinal-decompression",
        product_class="decompression-device",
        price=Decimal("49.00"),
        num_in_stock=24,
        description="""
A wide belt of inflatable columns that lengthen as you pump them up, easing
the ribcage gently away from the pelvis. Wear it for short spells while you
stand, walk around the house or sit at a desk, and let the air out with the
release valve when you are done.

The hand pump lets you fine-tune the lift, from a light supportive hug to a
firmer stretch. Soft fabric lining sits against the skin, and the hook and
loop closure adjusts to waists from 70 to 120 cm.

Start with ten-minute sessions. Stop if you feel numbness, tingling or
increased pain, and ask a physiotherapist whether a belt suits you.
""",
        attributes={
            "material": "PVC air columns, brushed fabric lining",
            "dimensions": "Fits waist 70–120 cm, height 23 cm",
            "weight_kg": 0.9,
            "max_user_weight_kg": 120,
        },
    ),
    ProductSpec(
        key="back-stretcher",
        upc="5060001000035",
        title="Three-Level Arched Back Stretcher",
        category="spinal-decompression",
        product_class="decompression-device",
        price=Decimal("24.00"),
        num_in_stock=40,
        description="""
The simplest way to give your spine a gentle backward stretch after a long
day at a desk. Lie down with the arch under your lower or middle back, let
your arms rest by your sides and breathe slowly for one to three minutes.

Three height settings let you begin with the lowest curve and progress as
the stretch becomes comfortable. A removable foam pad covers the central
ridge so that the arch supports the muscles on either side of the spine
rather than pressing on the bones.

The stretcher weighs under a kilogram and stacks flat for storage. Come off
it slowly by rolling onto your side.
""",
        attributes={
            "material": "Moulded polypropylene, removable foam pad",
            "dimensions": "42 × 25 × 8–14 cm",
            "weight_kg": 0.8,
            "max_user_weight_kg": 150,
        },
    ),
    ProductSpec(
        key="neck-traction-collar",
        upc="5060001000042",
        title="Inflatable Neck Traction Collar",
        category="spinal-decompression",
        product_class="decompression-device",
        price=Decimal("34.00"),
        num_in_stock=10,
        is_public=False,
        description="""
A soft collar with three inflatable rings that lift the head gently away
from the shoulders when pumped up. It is designed for short, seated sessions
of a few minutes while you breathe slowly and let the neck muscles relax.

This product is withdrawn from sale while we review its instructions with
our clinical advisers. Neck traction is not suitable for everyone, and we
want the guidance that comes with it to be clear about who should avoid it
and how to stop safely if symptoms change.

If you have neck pain with arm symptoms, dizziness or headaches, please see
a clinician before trying any form of traction.
""",
        attributes={
            "material": "Velour-covered PVC",
            "dimensions": "Adjustable, neck 32–46 cm",
            "weight_kg": 0.4,
            "max_user_weight_kg": 150,
        },
    ),
    ProductSpec(
        key="foam-roller",
        upc="5060001000059",
        title="Textured Foam Roller, 33 cm",
        category="massage-tools",
        product_class="massage-tool",
        price=Decimal("29.00"),
        was_price=Decimal("36.00"),
        num_in_stock=35,
        description="""
A firm roller with a hollow core and a grid of raised ridges, for rolling
the upper back, hips, thighs and calves. The ridges vary in width so you
can choose a broad, even pressure or a more focused one by shifting your
position.

The hollow core keeps its shape after years of use and doubles as a place to
store a resistance band when you travel. At 33 cm it is long enough to roll
the upper back with both shoulder blades supported and short enough to fit
in a sports bag.

Roll slowly, about one centimetre per second, and avoid rolling directly
over the lower back or any bony area.
""",
        attributes={
            "material": "EVA foam over a rigid hollow core",
            "dimensions": "33 × 14 cm",
            "weight_kg": 0.7,
            "firmness": "Firm",
            "battery_powered": False,
        },
    ),
    ProductSpec(
        key="massage-balls",
        upc="5060001000066",
        title="Peanut and Spiky Massage Ball Set",
        category="massage-tools",
        product_class="massage-tool",
        price=Decimal("14.50"),
        num_in_stock=60,
        description="""
Two small tools for the spots a foam roller cannot reach. The peanut-shaped
ball sits either side of the spine, so you can lean against a wall and roll
the muscles between the shoulder blades without pressing on the vertebrae.
The spiky ball wakes up the soles of the feet, the forearms and the
buttocks.

Both are made of dense rubber that keeps its shape and gives a pressure you
can control exactly by how much you lean in. Use them against a wall for
gentle work or on the floor for deeper pressure.

A drawstring bag keeps them together in a desk drawer or a gym bag.
""",
        attributes={
            "material": "Natural rubber",
            "dimensions": "Peanut 16 × 8 cm, ball 8 cm diameter",
            "weight_kg": 0.35,
            "firmness": "Medium-firm",
            "battery_powered": False,
        },
    ),
    ProductSpec(
        key="percussion-massager",
        upc="5060001000073",
        title="Cordless Percussion Massager",
        category="massage-tools",
        product_class="massage-tool",
        price=Decimal("119.00"),
        num_in_stock=0,
        description="""
A handheld massager that delivers rapid, short pulses into large muscle
groups such as the thighs, calves, buttocks and the muscles across the
shoulders. Five speeds range from a gentle flutter to a deep, steady beat,
and the brushless motor stays quiet enough to use while watching television.

Four heads are included: a flat head for general use, a ball for large
muscles, a fork for either side of the Achilles tendon and a soft cushion
for sensitive areas. The battery lasts around three hours on a single charge
through a USB-C cable.

Keep the head moving, use it for no more than two minutes on one area and
never on the spine, neck, bruises or swelling.
""",
        attributes={
            "material": "Aluminium body, silicone heads",
            "dimensions": "24 × 17 × 7 cm",
            "weight_kg": 1.0,
            "firmness": "Adjustable, five speeds",
            "battery_powered": True,
        },
    ),
    ProductSpec(
        key="trigger-point-cane",
        upc="5060001000080",
        title="Trigger Point Hook Cane",
        category="massage-tools",
        product_class="massage-tool",
        price=Decimal("27.00"),
        num_in_stock=18,
        description="""
A curved cane with rounded knobs that lets you press into the tight spots
of your own upper back, shoulders and neck. Hook it over a shoulder and
pull down gently on the handle: the lever multiplies your effort, so even
tired hands can apply a firm, steady pressure exactly where it is needed.

Eleven knobs of different sizes suit broad muscles and narrow ones. The cane
is moulded in one piece from a tough, slightly flexible plastic that will
not snap, and it splits into two halves for storage.

Hold each point for twenty to thirty seconds while you breathe out slowly,
and ease off if the pressure makes you tense up.
""",
        attributes={
            "material": "Fibre-reinforced nylon",
            "dimensions": "60 × 35 cm",
            "weight_kg": 0.5,
            "firmness": "Rigid",
            "battery_powered": False,
        },
    ),
    ProductSpec(
        key="acupressure-mat",
        upc="5060001000097",
        title="Acupressure Mat and Pillow Set",
        category="massage-tools",
        product_class="massage-tool",
        price=Decimal("32.00"),
        num_in_stock=22,
        description="""
A cotton mat and matching pillow covered in small plastic discs, each with a
ring of blunt points. Lie on the mat for ten to twenty minutes and the many
points spread your weight into a tingling, warming pressure that many people
find relaxing at the end of the day.

The first minutes feel prickly; lying on a thin T-shirt or a towel softens
the sensation while you get used to it. The pillow supports the neck and
the upper back, or can sit under the feet.

The cotton cover unzips for washing. Not for use on broken skin, during
pregnancy or by anyone with a bleeding disorder.
""",
        attributes={
            "material": "Cotton cover, plant-fibre filling, ABS discs",
            "dimensions": "Mat 68 × 42 cm, pillow 37 × 16 cm",
            "weight_kg": 1.1,
            "firmness": "Soft base, firm points",
            "battery_powered": False,
        },
    ),
    ProductSpec(
        key="exercise-mat",
        upc="5060001000103",
        title="Cushioned Exercise Mat, 10 mm",
        category="core-training",
        product_class="training-equipment",
        price=Decimal("26.00"),
        num_in_stock=45,
        description="""
A thick, cushioned mat for floor exercises such as the dead bug, bird dog
and glute bridge. The 10 mm foam protects the spine and knees on hard
floors while staying firm enough to give feedback about the position of
your lower back.

A textured surface stops hands and feet sliding when you sweat, and the
closed-cell foam does not soak up moisture, so it wipes clean with a damp
cloth. At 183 cm long it fits taller users lying flat.

The mat rolls up and comes with a carry strap that doubles as a stretching
strap for the hamstrings and hips.
""",
        attributes={
            "material": "Closed-cell NBR foam",
            "dimensions": "183 × 61 cm, 10 mm thick",
            "weight_kg": 0.9,
            "resistance": "Not applicable",
        },
    ),
    ProductSpec(
        key="loop-bands",
        upc="5060001000110",
        title="Fabric Loop Resistance Bands, Set of Three",
        category="core-training",
        product_class="training-equipment",
        price=Decimal("16.00"),
        num_in_stock=80,
        description="""
Three wide fabric bands that loop around the thighs or ankles to add
resistance to bridges, side-steps, clams and marching exercises. Unlike
thin latex bands they do not roll up, pinch the skin or snap.

The light band suits rehabilitation and warm-ups, the medium band most
everyday hip and core work, and the heavy band stronger users and
single-leg exercises. Each is a different colour so you can tell them apart
at a glance, and a grip strip on the inside keeps them in place.

A printed card in the pack shows eight exercises for the hips and trunk,
and the bands are machine washable at 30 degrees.
""",
        attributes={
            "material": "Polycotton with latex weave",
            "dimensions": "Each 76 × 8 cm loop",
            "weight_kg": 0.3,
            "resistance": "Light, medium and heavy",
        },
    ),
    ProductSpec(
        key="door-anchor-band",
        upc="5060001000127",
        title="Door-Anchor Tube Band with Handles",
        category="core-training",
        product_class="training-equipment",
        price=Decimal("21.00"),
        num_in_stock=30,
        description="""
A resistance tube with padded handles and a door anchor that turns any
sturdy door into a cable station. It is ideal for the Pallof press, where
you hold the handle at your chest and resist the band's pull to twist you,
and for rows, chops and standing rotations.

The anchor is a padded strap that closes in the hinge side of the door, so
it cannot pull free, and the tube is sheathed in a nylon sleeve that stops
it whipping back if it ever fails. Swap the tube for a lighter or heavier
one as you progress.

Always check that the door opens away from you and is shut before you
train.
""",
        attributes={
            "material": "Latex tube in a nylon sleeve, foam handles",
            "dimensions": "Tube 120 cm unstretched",
            "weight_kg": 0.45,
            "resistance": "Medium, about 9 kg at double length",
        },
    ),
    ProductSpec(
        key="stability-ball",
        upc="5060001000134",
        title="Anti-Burst Stability Ball, 65 cm",
        category="core-training",
        product_class="training-equipment",
        price=Decimal("22.00"),
        was_price=Decimal("28.00"),
        num_in_stock=25,
        description="""
A large exercise ball for rollouts, bridges, hamstring curls and gentle
seated balance work. The anti-burst material deflates slowly if punctured
rather than popping, which matters when you are lying or sitting on it.

The 65 cm size suits most people between 165 and 185 cm tall; when you sit
on it, your hips should be level with or slightly above your knees. A
lightly matt surface gives grip without sticking to the skin.

A hand pump and two spare plugs are included. Inflate to about 90 percent
on the first day, let the ball settle overnight, then top it up to full
size.
""",
        attributes={
            "material": "Anti-burst PVC",
            "dimensions": "65 cm diameter",
            "weight_kg": 1.2,
            "resistance": "Bodyweight",
        },
    ),
    ProductSpec(
        key="balance-board",
        upc="5060001000141",
        title="Wooden Wobble Balance Board",
        category="core-training",
        product_class="training-equipment",
        price=Decimal("39.00"),
        num_in_stock=12,
        description="""
A round board on a half-dome base that tips in every direction, asking the
ankles, hips and trunk to make constant small corrections. Use it for a
minute while brushing your teeth, or work through single-leg stands and
slow squats as your balance improves.

The board is made of layered birch with a non-slip top surface and a
rubber-edged base that protects floors. The tilt is limited to fifteen
degrees, which is challenging without being alarming.

Practise near a wall or a sturdy chair at first, and always step off
towards the side rather than jumping.
""",
        attributes={
            "material": "Birch plywood, rubber base",
            "dimensions": "40 cm diameter, 8 cm high",
            "weight_kg": 2.1,
            "resistance": "Bodyweight, 15 degree tilt",
        },
    ),
    ProductSpec(
        key="core-sliders",
        upc="5060001000158",
        title="Dual-Sided Core Sliders, Pair",
        category="core-training",
        product_class="training-equipment",
        price=Decimal("11.00"),
        num_in_stock=50,
        description="""
Two light discs that let your hands or feet glide across the floor, turning
simple positions into demanding core exercises: slow mountain climbers,
plank knee tucks, reverse lunges and body saws.

One side is smooth plastic for carpets, the other soft foam for wooden and
tiled floors, so they work anywhere in the house. Because every slide has
to be controlled in both directions, they reward slow, careful movement
rather than speed.

Start with small ranges and short sets, keeping the lower back steady, and
add distance only when you can return to the start without the hips
sagging.
""",
        attributes={
            "material": "ABS plastic and EVA foam",
            "dimensions": "18 cm diameter each",
            "weight_kg": 0.2,
            "resistance": "Bodyweight",
        },
    ),
    ProductSpec(
        key="heat-pad",
        upc="5060001000165",
        title="Electric Heat Pad for the Lower Back",
        category="heat-and-cold",
        product_class="heat-cold-pack",
        price=Decimal("42.00"),
        num_in_stock=15,
        description="""
A long, flexible heat pad shaped to wrap across the lower back and fasten at
the front with an elastic strap, so the warmth stays where it is needed while
you sit or move around.

Three heat settings warm up in a few minutes, and the pad switches itself off
after ninety minutes as a safety measure. The soft fleece cover unclips from
the heating element and can be machine washed.

Use it on the lowest comfortable setting, check your skin regularly and do
not fall asleep with it switched on. It is not suitable for people with
reduced sensation or for use on broken skin.
""",
        attributes={
            "material": "Fleece cover, flexible heating element",
            "dimensions": "60 × 30 cm",
            "use": "Heat only",
            "washable_cover": True,
        },
    ),
    ProductSpec(
        key="wheat-bag",
        upc="5060001000172",
        title="Microwavable Wheat Wrap",
        category="heat-and-cold",
        product_class="heat-cold-pack",
        price=Decimal("18.00"),
        num_in_stock=33,
        description="""
A long cotton wrap filled with natural wheat grain that holds a gentle,
moist warmth for around thirty minutes after heating. It drapes over the
lower back or across the shoulders and moulds to the body better than a
hot-water bottle.

Heat it in the microwave in short bursts, following the times printed on the
label, with a cup of water alongside. It can also be chilled in the freezer
for a soft cold pack.

The filling is unscented. Never overheat the wrap, check its temperature
before use and replace it if it smells scorched or the fabric wears thin.
""",
        attributes={
            "material": "Cotton cover, wheat grain filling",
            "dimensions": "50 × 16 cm",
            "use": "Heat or cold",
            "washable_cover": False,
        },
    ),
    ProductSpec(
        key="gel-cold-pack",
        upc="5060001000189",
        title="Large Reusable Gel Cold Pack",
        category="heat-and-cold",
        product_class="heat-cold-pack",
        price=Decimal("12.00"),
        num_in_stock=70,
        description="""
A large gel pack that stays soft and flexible straight from the freezer,
so it moulds around the lower back, a knee or a shoulder rather than
sitting on top of it like a block of ice.

A thick outer film resists punctures, and the pack can also be warmed in a
bowl of hot water for gentle heat. Two hours in the freezer is enough for a
twenty-minute cold session.

Always use it inside the supplied cotton sleeve, never directly on the
skin, and limit sessions to twenty minutes with a break of at least an hour
between them.
""",
        attributes={
            "material": "Non-toxic gel in nylon film, cotton sleeve",
            "dimensions": "35 × 22 cm",
            "use": "Cold, or warm in hot water",
            "washable_cover": True,
        },
    ),
    ProductSpec(
        key="hot-cold-wrap",
        upc="5060001000196",
        title="Hot-and-Cold Therapy Wrap with Strap",
        category="heat-and-cold",
        product_class="heat-cold-pack",
        price=Decimal("24.00"),
        num_in_stock=3,
        description="""
An adjustable back wrap with a pocket for two gel packs, so you can apply
heat or cold while you walk around instead of lying still. The wide elastic
strap fastens at the front and fits waists up to 130 cm.

The packs can be frozen for cold therapy or warmed in hot water for gentle
heat, and a spare pair lets you keep one set in the freezer while you use
the other. The quilted inner layer protects the skin, so the packs never
touch it directly.

Twenty minutes at a time is enough. Remove the wrap straight away if the
skin becomes numb, very red or painful.
""",
        attributes={
            "material": "Neoprene strap, quilted polyester pocket",
            "dimensions": "Fits waist 65–130 cm",
            "use": "Heat or cold",
            "washable_cover": True,
        },
    ),
    ProductSpec(
        key="neck-shoulder-wrap",
        upc="5060001000202",
        title="Neck and Shoulder Heat Wrap",
        category="heat-and-cold",
        product_class="heat-cold-pack",
        price=Decimal("27.00"),
        num_in_stock=14,
        description="""
A weighted wrap shaped like a yoke that drapes around the neck and over both
shoulders, holding warmth exactly where desk-work tension tends to gather.
A raised collar supports the back of the neck, and the ends rest across the
upper chest so the wrap stays put while you read or relax.

Warm it in the microwave following the printed times, or chill it in the
freezer for a cooling alternative. The outer cover is soft and unscented.

Check the temperature before putting it on, and remove it if it feels too
hot. Not for use while sleeping.
""",
        attributes={
            "material": "Cotton-velour cover, clay bead filling",
            "dimensions": "55 × 42 cm",
            "use": "Heat or cold",
            "washable_cover": False,
        },
    ),
)

PRODUCTS_BY_KEY = {spec.key: spec for spec in PRODUCTS}
CATEGORIES_BY_KEY = {spec.key: spec for spec in CATEGORIES}
PRODUCT_CLASSES_BY_KEY = {spec.key: spec for spec in PRODUCT_CLASSES}
