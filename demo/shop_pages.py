"""The pages a shop must have (delivery, returns, privacy, terms, contact),
as standard pages under the home page. The shop, its address and its
mailbox are invented; the figures match the shop's delivery methods
(shop/shipping/methods.py) and payment rules."""

import uuid

from django.conf import settings

from blog.models import StandardPage

# Block ids are derived from the page and position, so they are the same
# on every machine.
BLOCK_ID_NAMESPACE = uuid.UUID("0b7f2f4e-5d0c-4a8e-9a3e-6c1d2f8b7a10")

CONTACT_EMAIL = "help@backbone.example"
ADDRESS = "Backbone Health Ltd, Unit 4, Example Yard, Bristol BS1 9ZZ"
# The return window the shop applies (shop/order/returns.py).
RETURN_DAYS = settings.SHOP_RETURN_DAYS


def h(text):
    return ("heading", {"text": text, "level": "h2", "anchor": ""})


def p(html):
    return ("paragraph", html)


def note(title, html, kind="tip"):
    return ("note", {"kind": kind, "title": title, "text": html})


PAGES = [
    {
        "slug": "delivery",
        "title": "Delivery",
        "intro": "We send orders from our Bristol workshop to addresses in "
        "the United Kingdom and Ireland, tracked, in recyclable packaging.",
        "body": [
            h("Delivery options and costs"),
            p(
                "<ul><li><b>Standard delivery</b>: £3.95, free on orders of "
                "£50 or more. Delivered in 2 to 4 working days.</li>"
                "<li><b>Express delivery</b>: £7.95. Order before 2pm on a "
                "working day and it arrives the next working day.</li></ul>"
                "<p>Prices include VAT. You choose the option at checkout and "
                "see the total before you place the order.</p>"
            ),
            h("When we send your order"),
            p(
                "<p>Orders paid by card before 2pm on a working day leave the "
                "same day. Orders paid by bank transfer leave once the payment "
                "reaches us, usually the next working day. We email you a "
                "tracking link when the parcel is on its way.</p>"
            ),
            h("Large items"),
            p(
                "<p>Inversion tables and other large items travel by a two-person "
                "courier who will phone or text you to agree a day. Please allow "
                "up to 5 working days.</p>"
            ),
            note(
                "Missed a delivery?",
                "<p>The courier leaves a card and tries again the next working "
                "day. After two attempts the parcel comes back to us and we will "
                "contact you to arrange a new delivery at no extra cost.</p>",
            ),
        ],
    },
    {
        "slug": "returns",
        "title": "Returns",
        "intro": f"Changed your mind? Send anything back within {RETURN_DAYS} "
        "days of delivery for a full refund.",
        "body": [
            h(f"{RETURN_DAYS}-day returns"),
            p(
                f"<p>You can return any item within {RETURN_DAYS} days of the day "
                "it was delivered (or, if we have not yet heard that it arrived, "
                "of the day it left us), for any reason. Items should be unused "
                "and, where possible, in their original packaging. Hygiene items "
                "such as "
                "supports worn against the skin can be returned if the seal is "
                "unbroken.</p>"
            ),
            h("How to return an item"),
            p(
                "<ol><li>Open your order (under Orders in your account, or "
                "through the link in your order emails), choose <em>Return "
                "items from this order</em>, and say how many of each item you "
                "are sending back and why. Or email us at "
                f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> with '
                "your order number and the items.</li>"
                "<li>We reply with a prepaid returns label for UK addresses.</li>"
                "<li>Pack the items securely and drop the parcel at any post "
                "office or parcel shop.</li></ol>"
            ),
            h("Refunds"),
            p(
                "<p>We refund the price of the items, and the standard delivery "
                "charge if you return the whole order, to the card or account "
                "you paid with, within 14 days of receiving the return. Returns "
                "from Ireland are at your own cost.</p>"
            ),
            h("Faulty or damaged items"),
            p(
                "<p>If something arrives damaged or stops working within a year, "
                "tell us. We will collect it and send a replacement or refund "
                "you in full. This does not affect your statutory rights.</p>"
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "intro": "What we collect about you, why, and what you can ask us to "
        "do with it.",
        "body": [
            h("Who we are"),
            p(
                f"<p>{ADDRESS} runs this site and is responsible for the "
                "personal data it holds. You can reach us at "
                f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>'
            ),
            h("What we collect"),
            p(
                "<ul><li>When you order: your name, email address, delivery and "
                "billing addresses, phone number and what you bought.</li>"
                "<li>When you create an account: your email address and a "
                "hashed password.</li><li>When you write a review: your name as "
                "you give it and the review.</li></ul>"
                "<p>Card payments are handled by our payment provider; we never "
                "see or store your card number.</p>"
            ),
            h("Why we use it"),
            p(
                "<p>To deliver your order, to answer your questions, to handle "
                "returns and refunds, and to keep the records that tax law "
                "requires. We do not sell your data and we do not send "
                "marketing email unless you ask us to.</p>"
            ),
            h("Cookies"),
            p(
                "<p>We use only the cookies the shop needs to work: one that "
                "keeps your basket and one that keeps you signed in. We use no "
                "advertising or tracking cookies.</p>"
            ),
            h("Which articles lead to sales"),
            p(
                "<p>To learn which of our articles help readers, we count, per "
                "day, how often each product box in an article is seen, clicked "
                "and used to add to a basket. When you order something you added "
                "from an article, we note that article and box against that line "
                "of your order. We use this only as totals per article (how many "
                "orders and how much revenue); no one here looks up what you "
                "read. It sets no cookie, stores no IP address and is shared with "
                "no one. After 90 days the note on your order is folded into the "
                "daily totals and deleted.</p>"
            ),
            h("How long we keep it"),
            p(
                "<p>Order records are kept for six years after the end of the "
                "financial year, as HMRC requires. You can close your account at "
                "any time.</p>"
            ),
            h("Your rights"),
            p(
                "<p>You can ask for a copy of the data we hold about you, ask us "
                "to correct or delete it, or object to how we use it. If you are "
                "not happy with our answer you can complain to the Information "
                "Commissioner's Office.</p>"
            ),
        ],
    },
    {
        "slug": "terms",
        "title": "Terms of sale",
        "intro": "The terms on which we sell to you. Please read them before "
        "you place an order.",
        "body": [
            h("Who you are buying from"),
            p(f"<p>{ADDRESS}. These terms are governed by the law of England.</p>"),
            h("Prices and payment"),
            p(
                "<p>Prices are in pounds sterling and include VAT. Delivery is "
                "added at checkout. You can pay by card, by bank transfer or on "
                "delivery. An order paid by bank transfer that is still unpaid "
                "after 7 days is cancelled.</p>"
            ),
            h("Your order"),
            p(
                "<p>Your order is an offer to buy. The contract is made when we "
                "email you to say that your order has been dispatched. If an item "
                "turns out to be out of stock or wrongly priced we will tell you "
                "and refund anything you have paid for it.</p>"
            ),
            h("Cancelling and returning"),
            p(
                "<p>You may cancel within 14 days of delivery under the Consumer "
                "Contracts Regulations, and our own returns policy gives you "
                f'{RETURN_DAYS} days. See <a href="/returns/">Returns</a>.</p>'
            ),
            h("Using the products"),
            note(
                "Not medical advice",
                "<p>Our products and articles are for general wellbeing. If you "
                "have severe, lasting or unexplained back pain, see a doctor "
                "before you use them.</p>",
                kind="warning",
            ),
            h("Our responsibility"),
            p(
                "<p>We are responsible for loss or damage you suffer that is a "
                "foreseeable result of our breaking these terms. Nothing here "
                "limits your statutory rights.</p>"
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "intro": "Questions about an order, a product or an article? We answer "
        "every message within one working day.",
        "body": [
            h("Email"),
            p(
                f'<p><a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>. '
                "Please include your order number if your message is about an "
                "order.</p>"
            ),
            h("Phone"),
            p(
                "<p>0117 496 0123, Monday to Friday, 9am to 5pm (calls cost the "
                "same as a call to a Bristol number).</p>"
            ),
            h("Post and returns address"),
            p(f"<p>{ADDRESS}, United Kingdom.</p>"),
            note(
                "Medical questions",
                "<p>We cannot give medical advice by email or phone. For "
                "urgent help call NHS 111, or 999 in an emergency.</p>",
                kind="warning",
            ),
        ],
    },
]


def stream(slug, blocks):
    return [
        {
            "type": block_type,
            "value": value,
            "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{slug}:{n}")),
        }
        for n, (block_type, value) in enumerate(blocks)
    ]


def ensure_shop_pages(home):
    """The standard pages under `home`, published; a slug already taken is
    left as it is."""
    taken = set(home.get_children().values_list("slug", flat=True))
    pages = []
    for spec in PAGES:
        if spec["slug"] in taken:
            continue
        page = StandardPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            body=stream(spec["slug"], spec["body"]),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages
