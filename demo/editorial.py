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
