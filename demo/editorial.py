"""Who writes the demo articles and how they are filed: the authors (with
role and bio) and the topics (with descriptions) that the articles' front
matter names. The loader creates them before the articles are imported, so
the importer finds them by name."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Author:
    name: str
    role: str
    bio: str


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str


AUTHORS = (
    Author(
        name="Maren Holt",
        role="Chartered physiotherapist",
        bio=(
            "Maren has spent fifteen years treating back and neck pain in NHS "
            "and private clinics. She writes about the small, boring habits "
            "that make the biggest difference."
        ),
    ),
    Author(
        name="Tomas Reyes",
        role="Strength and conditioning coach",
        bio=(
            "Tomas coaches desk workers, runners and people coming back from "
            "injury. He cares more about control than about load."
        ),
    ),
    Author(
        name="Ines Calloway",
        role="Health writer",
        bio=(
            "Ines writes about the body for readers who sit for a living, "
            "and checks every claim with the clinicians who review her work."
        ),
    ),
)

TOPICS = (
    Topic(
        slug="core-strength",
        name="Core strength",
        description="What the core is, how it fails and how to rebuild it.",
    ),
    Topic(
        slug="lower-back-pain",
        name="Lower back pain",
        description="Causes, self-care and when to see someone about it.",
    ),
    Topic(
        slug="desk-posture",
        name="Desk work and posture",
        description="Living well with long hours at a screen.",
    ),
    Topic(
        slug="exercise",
        name="Exercise",
        description="Slow, controlled movement that builds a resilient back.",
    ),
    Topic(
        slug="recovery",
        name="Recovery and relief",
        description="Heat, cold, massage and decompression, used sensibly.",
    ),
)


@dataclass(frozen=True)
class Reviewer:
    """An invented clinician: the registration numbers say DEMO so that none
    can be mistaken for a real registrant's."""

    name: str
    credentials: str
    registration_body: str
    registration_number: str
    bio: str


REVIEWERS = (
    Reviewer(
        name="Rowan Achterberg",
        credentials="MCSP, musculoskeletal physiotherapist",
        registration_body="Health and Care Professions Council",
        registration_number="DEMO-PH-0417",
        bio=(
            "Rowan treats back and neck pain in a community musculoskeletal "
            "service and checks our exercise and self-care advice against "
            "current guidance."
        ),
    ),
    Reviewer(
        name="Dr Lena Okafor",
        credentials="Consultant in sport and exercise medicine, FFSEM",
        registration_body="General Medical Council",
        registration_number="DEMO-GMC-7201",
        bio=(
            "Lena runs a sports medicine clinic and reviews what we write "
            "about back pain, when to see a doctor and when to worry."
        ),
    ),
)


@dataclass(frozen=True)
class Reference:
    """Real public guidance (no invented study, author or DOI)."""

    authors: str
    title: str
    publisher: str
    year: int | None
    url: str


NICE_NG59 = Reference(
    authors="National Institute for Health and Care Excellence",
    title="Low back pain and sciatica in over 16s: assessment and management "
    "(NICE guideline NG59)",
    publisher="NICE",
    year=2016,
    url="https://www.nice.org.uk/guidance/ng59",
)
NHS_BACK_PAIN = Reference(
    authors="NHS",
    title="Back pain",
    publisher="NHS website",
    year=None,
    url="https://www.nhs.uk/conditions/back-pain/",
)
NHS_NECK_PAIN = Reference(
    authors="NHS",
    title="Neck pain",
    publisher="NHS website",
    year=None,
    url="https://www.nhs.uk/conditions/neck-pain/",
)
NHS_SCIATICA = Reference(
    authors="NHS",
    title="Sciatica",
    publisher="NHS website",
    year=None,
    url="https://www.nhs.uk/conditions/sciatica/",
)
CMO_ACTIVITY = Reference(
    authors="UK Chief Medical Officers",
    title="UK Chief Medical Officers' Physical Activity Guidelines",
    publisher="Department of Health and Social Care",
    year=2019,
    url="https://www.gov.uk/government/publications/"
    "physical-activity-guidelines-uk-chief-medical-officers-report",
)

#: Each demo article's references, in the order they are numbered.
REFERENCES = {
    "dead-bug-bird-dog-pallof-press": (NICE_NG59, NHS_BACK_PAIN, CMO_ACTIVITY),
    "from-lower-back-to-neck": (NHS_NECK_PAIN, NHS_BACK_PAIN, NICE_NG59),
    "heat-or-cold-for-back-pain": (NHS_BACK_PAIN, NICE_NG59),
    "how-sitting-switches-off-your-core": (CMO_ACTIVITY, NHS_BACK_PAIN, NICE_NG59),
    "signs-of-a-weak-core": (NHS_BACK_PAIN, NICE_NG59),
    "spinal-decompression-what-it-can-and-cannot-do": (
        NICE_NG59,
        NHS_SCIATICA,
        NHS_BACK_PAIN,
    ),
    "what-the-core-really-is": (NHS_BACK_PAIN, NICE_NG59, CMO_ACTIVITY),
}

#: Two articles on a monthly review cycle, so that the "Reviews due" report
#: and the dashboard have something to show: days from today to the review
#: (negative: overdue).
DUE_FOR_REVIEW = {
    "what-the-core-really-is": -9,
    "how-sitting-switches-off-your-core": 16,
}
