"""The demo articles: original text written for this site.

Callouts sit where the text talks about that kind of product and name it by
its key in `demo.products` (products) or by category key.
"""

from datetime import date

from demo.structure import (
    Article,
    Author,
    BulletList,
    CategoryCallout,
    Figure,
    Heading,
    Note,
    Paragraph,
    ProductCallout,
    ProductGrid,
    Topic,
)

AUTHORS = (
    Author(
        key="maren-holt",
        name="Maren Holt",
        role="Chartered physiotherapist",
        bio=(
            "Maren has spent fifteen years treating back and neck pain in NHS "
            "and private clinics. She writes about the small, boring habits "
            "that make the biggest difference."
        ),
    ),
    Author(
        key="tomas-reyes",
        name="Tomas Reyes",
        role="Strength and conditioning coach",
        bio=(
            "Tomas coaches desk workers, runners and people coming back from "
            "injury. He cares more about control than about load."
        ),
    ),
    Author(
        key="ines-calloway",
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

REVIEWER = "Dr Lena Okafor, consultant in sport and exercise medicine"
PHYSIO_REVIEWER = "Rowan Achterberg, MCSP, musculoskeletal physiotherapist"

WHAT_THE_CORE_IS = Article(
    slug="what-the-core-really-is",
    title="What the core really is (and why crunches miss most of it)",
    standfirst=(
        "Your core is not a six-pack. It is a pressurised cylinder of deep "
        "muscles that holds the spine steady a fraction of a second before "
        "you move. Here is how it works, and why training it looks nothing "
        "like a sit-up."
    ),
    author="maren-holt",
    topics=("core-strength", "lower-back-pain"),
    tags=("core", "anatomy", "transversus abdominis", "breathing"),
    reviewed_by=REVIEWER,
    published=date(2026, 9, 7),
    last_reviewed=date(2026, 10, 20),
    hero=Figure(
        motif="core",
        alt="Illustration of a torso with the deep core drawn as a ring of muscle.",
        caption="The deep core works like a cylinder around the lower spine.",
    ),
    body=(
        Paragraph(
            "Ask ten people to point at their core and most will tap the front "
            "of their stomach. That is understandable: the muscle you can see "
            "in the mirror, the rectus abdominis, gets all the attention in "
            "magazines and gym adverts. But the muscles that actually protect "
            "your lower back sit underneath it, wrapped around the spine like "
            "the walls of a tin can. They rarely show, they rarely ache after "
            "a workout, and they do most of their work before you notice you "
            "have moved at all."
        ),
        Heading("A cylinder, not a six-pack"),
        Paragraph(
            "Physiotherapists often describe the core as a cylinder with four "
            "walls. The diaphragm is the lid. The pelvic floor is the base. "
            "The transversus abdominis, a wide band of muscle that runs "
            "horizontally around your waist like a corset, forms the front "
            "and sides. At the back, the multifidus, a chain of short muscles "
            "that ties each vertebra to its neighbours, closes the loop. When "
            "these four work together they raise the pressure inside the "
            "abdomen a little, and that pressure stiffens the trunk so the "
            "spine can take load without buckling."
        ),
        Figure(
            motif="layers",
            alt="Diagram of deep and surface abdominal layers shown as bands.",
            caption="Deep stabilisers sit under the surface muscles you can see.",
        ),
        BulletList(
            (
                "Diaphragm: the breathing muscle, and the lid of the cylinder.",
                "Pelvic floor: the base, which lifts slightly as you brace.",
                "Transversus abdominis: the corset around the waist.",
                "Multifidus: small segmental muscles that steady each vertebra.",
            )
        ),
        Heading("The surface muscles have a different job"),
        Paragraph(
            "Over the top of the cylinder lie the big movers: the rectus "
            "abdominis down the front, the obliques on each side and the long "
            "erector spinae muscles along the back. These muscles bend, twist "
            "and straighten the trunk. They are strong and useful, but they "
            "cross many joints at once, so they cannot fine-tune the position "
            "of a single vertebra. If they are left to do the stabilising on "
            "their own, they tend to grip: the whole trunk goes rigid, "
            "breathing becomes shallow and the lower back takes the strain of "
            "every awkward lift."
        ),
        Paragraph(
            "This is why someone can manage a hundred crunches and still hurt "
            "their back picking up a laundry basket. Crunches train the "
            "surface muscles to flex the spine, over and over. They do very "
            "little for the timing of the deep layer, and timing is what "
            "matters."
        ),
        Note(
            title="Timing beats strength",
            text=(
                "In people without back pain the deep abdominal muscles switch "
                "on a split second before an arm or leg moves. In many people "
                "with recurring back pain that early switch arrives late. "
                "Retraining the timing, not chasing more strength, is the aim "
                "of most rehabilitation programmes."
            ),
            tone="info",
        ),
        Heading("What a working core feels like"),
        Paragraph(
            "A well-functioning core is quiet. You can breathe normally while "
            "holding a plank-like position, you can stand on one leg without "
            "your hips swaying, and you can carry a heavy bag in one hand "
            "without leaning away from it. Your back feels supported rather "
            "than braced. If you have to hold your breath or clench your "
            "stomach to stay steady, the surface muscles are doing a job the "
            "deep ones should be sharing."
        ),
        Heading("How to train it"),
        Paragraph(
            "Good core training is slow and precise. The aim is to keep the "
            "spine still while the arms and legs move, and to breathe "
            "throughout. Floor exercises are the easiest place to start, "
            "because the floor gives you feedback about the position of your "
            "lower back. A cushioned mat makes them far more comfortable on a "
            "hard floor, and it marks out a space in the room that reminds "
            "you to do them."
        ),
        ProductCallout(
            product="exercise-mat",
            heading="Start on a comfortable surface",
            text="Thick enough for knees and spine on a hard floor.",
        ),
        BulletList(
            (
                "Find neutral: lie on your back with knees bent and let the "
                "lower back rest naturally, neither flattened nor arched.",
                "Breathe in through the nose and feel the lower ribs widen to "
                "the sides, not just the belly rising.",
                "On the out-breath, draw the lower belly gently in, about a "
                "third of your maximum effort, and keep breathing.",
                "Hold that gentle tension while you slide one heel away and "
                "back, then the other. The pelvis should not rock.",
            ),
            ordered=True,
        ),
        Paragraph(
            "Once that feels easy, add light resistance. A loop band around "
            "the thighs, for example, asks the hips and trunk to work together "
            "while you bridge or march. Later, the dead bug, bird dog and "
            "Pallof press build on exactly the same idea: limbs move, the "
            "trunk stays calm."
        ),
        ProductCallout(
            product="loop-bands",
            heading="Add resistance when control is easy",
        ),
        Heading("Common myths"),
        BulletList(
            (
                "A flat stomach means a strong core. Body fat and core "
                "function are unrelated.",
                "You should brace hard all day. Constant bracing stiffens the "
                "back and disturbs breathing.",
                "Core work is only for athletes. Desk workers need it most, "
                "because sitting quietens these muscles for hours at a time.",
                "Pain means you must stop moving. Gentle, controlled movement "
                "usually helps more than rest.",
            )
        ),
        Note(
            title="Go gently after an injury or pregnancy",
            text=(
                "If you have had abdominal surgery, a recent baby or a "
                "separation of the abdominal muscles, ask a physiotherapist "
                "to check your technique before progressing. The same "
                "exercises apply, but the starting point and pace differ."
            ),
            tone="warning",
        ),
        Paragraph(
            "The core is less a set of muscles than a skill: the ability to "
            "stiffen the trunk just enough, at the right moment, while you "
            "keep breathing. Like any skill it improves with short, frequent "
            "practice. Ten careful minutes a day will do more for your back "
            "than an hour of crunches once a week."
        ),
    ),
)

SITTING_SWITCHES_OFF = Article(
    slug="how-sitting-switches-off-your-core",
    title="How long hours of sitting switch off your core",
    standfirst=(
        "A chair does the work your trunk muscles would otherwise do. Over "
        "months of eight-hour days, the deep stabilisers fall quiet, the hips "
        "stiffen and the lower back picks up the slack. The fix is not a "
        "perfect chair, but more movement."
    ),
    author="ines-calloway",
    topics=("desk-posture", "lower-back-pain", "core-strength"),
    tags=("sitting", "desk work", "hip flexors", "lower back", "heat therapy"),
    reviewed_by=PHYSIO_REVIEWER,
    published=date(2026, 9, 14),
    last_reviewed=date(2026, 10, 27),
    hero=Figure(
        motif="desk",
        alt="Illustration of a figure slumped at a desk in front of a screen.",
        caption="Hours in one position teach the trunk to switch off.",
    ),
    body=(
        Paragraph(
            "Sitting is not dangerous in itself. What causes trouble is "
            "sitting still, in one position, for most of the waking day. The "
            "body adapts to what it does most, and a body that spends ten "
            "hours a day folded at the hips, supported by a backrest and "
            "armrests, adapts by handing its stabilising work to the chair."
        ),
        Heading("What changes when you sit all day"),
        Paragraph(
            "When a chair holds you upright, the deep abdominal muscles and "
            "the multifidus have little to do. Muscles that are rarely asked "
            "to work become slower to respond. At the same time the hip "
            "flexors at the front of the hip sit in a shortened position for "
            "hours, and the buttock muscles, which should help to extend the "
            "hip and steady the pelvis, are squashed and silent. The result "
            "is a pattern that many physiotherapists see every week."
        ),
        BulletList(
            (
                "Tight hip flexors that tip the pelvis forward when you stand.",
                "Sleepy gluteal muscles that leave the lower back to extend "
                "the hip on its own.",
                "Deep trunk muscles that switch on late, or not at all, when "
                "you bend or lift.",
                "A lower back that feels stiff first thing after standing up "
                "and tired by the evening.",
            )
        ),
        Figure(
            motif="pelvis",
            alt="Diagram of a pelvis tipped forward by tight hip flexors.",
            caption="Short hip flexors tilt the pelvis and load the lower back.",
        ),
        Heading("Why the lower back takes the strain"),
        Paragraph(
            "The lumbar spine sits between two large, mobile areas: the hips "
            "below and the ribcage above. When the hips stiffen and the trunk "
            "muscles react slowly, the lower back becomes the place where "
            "movement happens by default. Bending to pick something up turns "
            "into a bend at the lumbar spine instead of a hinge at the hips. "
            "Standing up from the chair becomes a small backward arch instead "
            "of a push through the legs. None of these movements is harmful "
            "once, but repeated hundreds of times a day they add up to "
            "fatigue, stiffness and, for many people, pain."
        ),
        Note(
            title="The slump is not the villain",
            text=(
                "There is no single correct sitting posture. Slouching for a "
                "few minutes is fine; so is sitting upright. The problem is "
                "any position held for too long. The best posture is the next "
                "one."
            ),
            tone="tip",
        ),
        Heading("Breaking up the day"),
        Paragraph(
            "The most effective change is also the least glamorous: stand up "
            "more often. Short breaks every thirty to forty-five minutes "
            "reset the hips, wake up the trunk muscles and move fluid "
            "through the spinal discs, which depend on movement for their "
            "nutrition. You do not need a gym routine for this. A walk to "
            "the kettle, a few squats to the chair or a stretch against the "
            "door frame are enough."
        ),
        BulletList(
            (
                "Set a quiet timer, or tie breaks to habits such as every "
                "phone call or every sent email.",
                "Stand for calls and walk for one-to-one meetings when you can.",
                "Put the printer, the water jug or the bin a few steps away.",
                "Alternate between sitting and standing if your desk allows.",
            ),
            ordered=True,
        ),
        Heading("Three movements for the breaks"),
        Paragraph(
            "Hip flexor stretch: kneel on one knee, tuck the tail under "
            "slightly and shift forward until you feel a stretch at the front "
            "of the hip. Hold for thirty seconds each side. Glute bridge: lie "
            "on your back, knees bent, and lift the hips by pressing through "
            "the heels, keeping the ribs down. Standing hip hinge: with hands "
            "on the hips, push the bottom back as if closing a car door "
            "behind you, keeping the back long, then stand tall again."
        ),
        Paragraph(
            "Many desk workers also find that a few minutes on a foam roller "
            "or a massage ball around the buttocks and upper back eases the "
            "stiffness that builds during long sessions. Rolling is not a "
            "replacement for movement, but it can make the movement feel "
            "easier."
        ),
        ProductCallout(
            product="foam-roller",
            heading="Ease stiffness between work sessions",
            text="A firm, textured roller for the upper back, hips and thighs.",
        ),
        Heading("When the back is already stiff"),
        Paragraph(
            "Warmth helps many people with the deep, dull ache of a stiff "
            "lower back at the end of the day. A wheat bag or heat pad "
            "relaxes guarding muscles and makes gentle stretching more "
            "comfortable. Cold packs suit a different problem: a fresh "
            "strain or a flare-up that feels hot and sharp. Whichever you "
            "use, wrap it in a cloth and keep sessions to about twenty "
            "minutes."
        ),
        CategoryCallout(
            category="heat-and-cold",
            heading="Heat and cold therapy",
            text="Warmth for stiffness, cold for fresh flare-ups.",
            limit=3,
        ),
        Note(
            title="See a professional if",
            text=(
                "Back pain spreads down a leg below the knee, comes with "
                "numbness or pins and needles, or does not ease after a few "
                "weeks of staying active. A physiotherapist or GP can check "
                "for causes that need more than self-care."
            ),
            tone="warning",
        ),
        Heading("A realistic goal"),
        Paragraph(
            "Nobody needs to give up their chair. The goal is to make sitting "
            "one position among many rather than the only one. Add a few "
            "minutes of deliberate core work to the day, break up long spells "
            "at the desk and let the lower back share its work with the hips "
            "again. Most people notice a difference within a few weeks."
        ),
    ),
)

STRAIN_TRAVELS_UP = Article(
    slug="from-lower-back-to-neck",
    title="From the lower back to the neck: how strain travels up the spine",
    standfirst=(
        "A weak or sleepy core rarely stays a lower-back problem. The body "
        "compensates higher up, and the shoulders and neck end up holding "
        "tension they were never meant to carry."
    ),
    author="maren-holt",
    topics=("desk-posture", "core-strength"),
    tags=("neck pain", "shoulders", "posture", "compensation", "massage"),
    reviewed_by=PHYSIO_REVIEWER,
    published=date(2026, 9, 21),
    last_reviewed=date(2026, 11, 2),
    hero=Figure(
        motif="spine",
        alt="Illustration of a spine with arrows rising from the lower back.",
        caption="Load that the trunk does not absorb moves up the chain.",
    ),
    body=(
        Paragraph(
            "People who come to a clinic with a stiff neck are often "
            "surprised when the physiotherapist asks them to lie on their "
            "back and lift one leg. The neck and the lower back feel like "
            "separate problems, but they are two ends of one chain. When the "
            "base of that chain is unstable, the top of it works harder."
        ),
        Heading("The chain of compensation"),
        Paragraph(
            "Think of the spine as a flexible mast held up by guy ropes. The "
            "deep core muscles are the ropes at the bottom. If they are "
            "slack, the mast wobbles, and something else has to steady it. "
            "The body's usual answer is to tighten the muscles that are "
            "already busy: the upper trapezius across the top of the "
            "shoulders, the muscles at the base of the skull and the small "
            "muscles between the shoulder blades. These muscles are built "
            "for movement and fine control of the head and arms, not for "
            "holding the whole trunk upright all day."
        ),
        Figure(
            motif="shoulders",
            alt="Diagram of raised, tense shoulders around a forward head.",
            caption="Raised shoulders and a forward head often start lower down.",
        ),
        Heading("How it shows up"),
        BulletList(
            (
                "Shoulders that creep up towards the ears as the day goes on.",
                "A head that drifts forward of the shoulders while you read "
                "the screen.",
                "Aching between the shoulder blades, often on one side.",
                "Headaches that start at the base of the skull in the afternoon.",
                "Shallow breathing high in the chest rather than low and wide.",
            )
        ),
        Paragraph(
            "Breathing is an overlooked part of this picture. The diaphragm "
            "is both the main breathing muscle and the lid of the core. When "
            "the trunk is braced rigidly or slumped for hours, the diaphragm "
            "moves less, and the small breathing muscles in the neck step in. "
            "Each breath then recruits muscles that are already tense, "
            "roughly twenty thousand times a day."
        ),
        Note(
            title="A quick check",
            text=(
                "Sit tall, put one hand on your upper chest and one on your "
                "lower ribs, and breathe normally. If the top hand moves more "
                "than the bottom one, your neck muscles are probably helping "
                "with every breath."
            ),
            tone="tip",
        ),
        Heading("The forward head"),
        Paragraph(
            "The head weighs roughly as much as a bowling ball. Balanced "
            "over the shoulders it needs little effort to hold. As it drifts "
            "forward to read a laptop or a phone, the muscles at the back of "
            "the neck must work harder to stop it tipping further. Add a "
            "rounded upper back, which often follows a slumped lower back, "
            "and the angle worsens. The neck is not weak; it is doing "
            "overtime."
        ),
        Heading("What helps"),
        Paragraph(
            "Because the problem travels upward, the solution usually starts "
            "at the bottom. Building a steady base with deep core exercises "
            "takes the pressure off the upper body over a few weeks. In the "
            "meantime, you can make the upper body more comfortable and teach "
            "it to let go."
        ),
        BulletList(
            (
                "Raise the screen so the top edge is near eye level.",
                "Rest your forearms on the desk or armrests so the shoulders "
                "do not have to hold the arms up.",
                "Every hour, roll the shoulders back and down five times and "
                "turn the head slowly left and right.",
                "Practise low, wide breathing for two minutes, twice a day.",
                "Do core exercises that keep the neck relaxed, such as the "
                "dead bug with the head resting on the floor.",
            ),
            ordered=True,
        ),
        Heading("Releasing the upper back and shoulders"),
        Paragraph(
            "Self-massage is a useful way to ease the tight spots that build "
            "between the shoulder blades and along the top of the shoulders. "
            "A pair of massage balls against a wall lets you control the "
            "pressure exactly; a hooked massage cane reaches the spots you "
            "cannot reach with your own hands. Work slowly, breathe out as "
            "you lean in, and stop at a pressure you can relax into rather "
            "than brace against."
        ),
        ProductGrid(
            products=("massage-balls", "trigger-point-cane", "acupressure-mat"),
            heading="Tools for the upper back and shoulders",
        ),
        Paragraph(
            "Warmth across the shoulders before bed can also help tense "
            "muscles settle. A wrap that drapes around the neck and shoulders "
            "stays in place better than a flat pad."
        ),
        ProductCallout(
            product="neck-shoulder-wrap",
            heading="Warmth where the tension sits",
        ),
        Note(
            title="When neck pain needs a doctor",
            text=(
                "Seek medical advice promptly if neck pain follows a fall or "
                "accident, comes with weakness, numbness or tingling in the "
                "arms, affects your balance or walking, or comes with fever, "
                "a severe headache or a stiff neck that makes it hard to "
                "bend the chin to the chest."
            ),
            tone="warning",
        ),
        Heading("Putting it together"),
        Paragraph(
            "Neck and shoulder tension that keeps coming back is often a "
            "sign that the body is stabilising from the top down. Massage and "
            "warmth bring short-term relief, and that relief is worth having. "
            "Lasting change usually comes from giving the trunk back its job, "
            "so that the neck can return to its own: turning the head, "
            "balancing it lightly and moving freely."
        ),
    ),
)

STABILITY_EXERCISES = Article(
    slug="dead-bug-bird-dog-pallof-press",
    title="Dead bug, bird dog, Pallof press: slow exercises that rebuild stability",
    standfirst=(
        "Three unglamorous exercises, done slowly and well, teach the trunk "
        "to stay steady while the limbs move. This guide covers set-up, the "
        "mistakes that waste the effort, and how to progress."
    ),
    author="tomas-reyes",
    topics=("exercise", "core-strength"),
    tags=("dead bug", "bird dog", "Pallof press", "anti-rotation", "home workout"),
    reviewed_by=PHYSIO_REVIEWER,
    published=date(2026, 9, 28),
    last_reviewed=date(2026, 11, 9),
    hero=Figure(
        motif="exercise",
        alt="Illustration of a figure on a mat with one arm and leg extended.",
        caption="Slow limb movements over a steady trunk.",
    ),
    body=(
        Paragraph(
            "Most core exercises fail for the same reason: they are done too "
            "fast. Speed lets momentum and the big surface muscles do the "
            "work, and the deep stabilisers never get the message. The three "
            "exercises below have one thing in common. The arms or legs "
            "move, and the job of the trunk is to resist that movement. Done "
            "slowly, with steady breathing, they retrain the timing that a "
            "healthy back depends on."
        ),
        Note(
            title="Before you start",
            text=(
                "These exercises should feel like effort, not pain. If any "
                "movement brings on sharp pain or pain spreading into a leg, "
                "stop and get advice from a physiotherapist."
            ),
            tone="warning",
        ),
        Heading("1. The dead bug"),
        Paragraph(
            "Lie on your back on a mat, arms pointing at the ceiling, hips "
            "and knees bent to ninety degrees so the shins are parallel to "
            "the floor. Let the lower back rest on the floor without "
            "pressing it flat. Breathe out and slowly lower your right arm "
            "behind your head and your left leg towards the floor, stopping "
            "before the lower back lifts. Return and swap sides."
        ),
        BulletList(
            (
                "Move for a slow count of four out and four back.",
                "Keep breathing; exhale as the limbs move away.",
                "Stop the movement where your back starts to arch, even if "
                "that is only a few centimetres.",
                "Start with six to eight reps per side.",
            )
        ),
        ProductCallout(
            product="exercise-mat",
            heading="A mat that spares the spine and the knees",
        ),
        Heading("2. The bird dog"),
        Paragraph(
            "Kneel on all fours, hands under the shoulders and knees under "
            "the hips. Imagine a glass of water balanced on the small of your "
            "back. Slide one leg back along the floor, then lift it to hip "
            "height while reaching the opposite arm forward. Pause for two "
            "breaths, return with control and switch sides. The glass should "
            "not spill: no twisting of the hips, no sagging of the belly."
        ),
        Figure(
            motif="bird-dog",
            alt="Diagram of the bird dog with opposite arm and leg reaching.",
            caption="Reach long rather than high: the back stays level.",
        ),
        BulletList(
            (
                "Lifting the leg too high, which arches the lower back.",
                "Shifting weight onto the supporting hip.",
                "Rushing: each rep should take about five seconds.",
                "Holding the breath to stay steady.",
            )
        ),
        Heading("3. The Pallof press"),
        Paragraph(
            "The Pallof press trains the trunk to resist rotation, which is "
            "what it does when you carry a bag in one hand or push a door. "
            "Anchor a resistance band at chest height to one side of you. "
            "Stand side-on to the anchor, feet hip-width apart, holding the "
            "handle against your breastbone with both hands. Press the hands "
            "straight out in front of you. The band will try to twist you "
            "towards the anchor; your job is not to let it. Hold for two "
            "breaths, bring the hands back and repeat, then turn around and "
            "work the other side."
        ),
        ProductCallout(
            product="door-anchor-band",
            heading="Everything you need for the Pallof press",
            text="The door anchor turns any door into a cable station.",
        ),
        Note(
            title="Choosing the resistance",
            text=(
                "Pick a band that lets you hold the arms out for two full "
                "breaths with no twisting. If your shoulders rise or your "
                "hips swing, the band is too strong."
            ),
            tone="tip",
        ),
        Heading("Putting the three together"),
        Paragraph(
            "Done two or three times a week, this short circuit takes about "
            "fifteen minutes. Begin with the dead bug, because lying down is "
            "the easiest position in which to feel your trunk working. Move "
            "to the bird dog, which adds balance, and finish standing with "
            "the Pallof press, which is closest to everyday life."
        ),
        Paragraph(
            "Breathing deserves its own mention. If you hold your breath to "
            "keep still, the surface muscles and a rigid ribcage are doing "
            "the stabilising, which is the very habit these exercises aim to "
            "break. Try to breathe out slowly through pursed lips as the "
            "limbs move away, and in through the nose as they return. If you "
            "cannot keep breathing, make the movement smaller until you can."
        ),
        BulletList(
            (
                "Dead bug: 2 sets of 8 slow reps per side.",
                "Bird dog: 2 sets of 6 reps per side with a two-breath pause.",
                "Pallof press: 2 sets of 8 presses per side.",
                "Rest for about a minute between sets.",
            ),
            ordered=True,
        ),
        Heading("How to progress"),
        Paragraph(
            "Progress by making the exercise harder to control, not by "
            "adding speed. For the dead bug, straighten the moving leg "
            "further or hold a light weight in the hands. For the bird dog, "
            "draw a small square with the extended hand and foot. For the "
            "Pallof press, step further from the anchor or stand on one leg. "
            "When these feel easy, a stability ball or a set of sliders "
            "brings in new challenges, such as ball rollouts and slider "
            "mountain climbers done at a walking pace."
        ),
        ProductGrid(
            products=("stability-ball", "core-sliders", "balance-board"),
            heading="Next steps when the basics feel easy",
        ),
        Paragraph(
            "Expect the exercises to feel almost too simple for the first "
            "week, then surprisingly demanding once you slow them down. That "
            "moment, when your trunk has to work hard to keep still, is "
            "exactly the training effect you are after."
        ),
    ),
)

SIGNS_OF_A_WEAK_CORE = Article(
    slug="signs-of-a-weak-core",
    title="Seven signs your core needs attention",
    standfirst=(
        "A weak core rarely announces itself directly. It shows up in the "
        "way you stand, how steady you are on one leg and even how you "
        "breathe. Here is what to look for, and simple ways to test yourself "
        "at home."
    ),
    author="ines-calloway",
    topics=("core-strength", "desk-posture"),
    tags=("posture", "balance", "breathing", "self-assessment"),
    reviewed_by=REVIEWER,
    published=date(2026, 10, 5),
    last_reviewed=date(2026, 11, 12),
    hero=Figure(
        motif="balance",
        alt="Illustration of a figure balancing on one leg.",
        caption="Balance is one of the clearest windows onto core control.",
    ),
    body=(
        Paragraph(
            "You cannot see your deep core muscles and you will not feel them "
            "ache after a workout, so it is hard to know whether they are "
            "doing their job. The clues are indirect. None of the signs below "
            "proves that your core is weak on its own, but if several of them "
            "sound familiar, a few weeks of focused training is likely to "
            "help."
        ),
        Heading("Signs in your posture"),
        Paragraph(
            "Posture is not a fixed position, but the positions you fall into "
            "when you stop paying attention say a lot about how your trunk is "
            "supported."
        ),
        BulletList(
            (
                "1. A sway back when standing: the pelvis tips forward, the "
                "belly pushes out and the lower back arches deeply.",
                "2. A slump that arrives within minutes of sitting down, even "
                "on a supportive chair.",
                "3. Leaning on one hip whenever you stand in a queue or at the "
                "kitchen counter.",
            )
        ),
        Paragraph(
            "None of these habits is harmful in a single moment. They matter "
            "because they show where the body finds its support when the "
            "deep muscles are not providing it: in the ligaments at the front "
            "of the hip, in the backrest of the chair, or in a locked knee. "
            "Over months, that borrowed support tends to become stiffness "
            "and aching."
        ),
        Figure(
            motif="posture",
            alt="Three standing outlines: neutral, sway back and slumped.",
            caption="Neutral, sway back and slump: habits, not destinies.",
        ),
        Heading("Signs in your balance"),
        Paragraph(
            "Every step you take is a brief moment of standing on one leg. If "
            "the trunk cannot hold the pelvis level, the body compensates "
            "with a lurch or a grab for support."
        ),
        BulletList(
            (
                "4. Wobbling when you put on socks or shoes standing up.",
                "5. The hip dropping on the side of the lifted leg when you "
                "stand on one leg or climb stairs.",
            )
        ),
        Note(
            title="Try the single-leg test",
            text=(
                "Stand near a wall, hands on hips, and lift one foot a few "
                "centimetres. Time how long you can hold steady with eyes "
                "open, up to thirty seconds, then try each side. A big "
                "difference between sides, or holding for less than ten "
                "seconds, suggests balance and hip control are worth "
                "training."
            ),
            tone="tip",
        ),
        Paragraph(
            "A wobble board or balance cushion turns this test into a "
            "training tool. Standing on it for a minute while you brush your "
            "teeth or wait for the kettle asks the deep trunk and ankle "
            "muscles to make hundreds of small corrections."
        ),
        ProductCallout(
            product="balance-board",
            heading="Train balance in spare minutes",
        ),
        Heading("Signs in your breathing"),
        Paragraph(
            "The diaphragm forms the top of the core, so breathing and trunk "
            "stability are closely linked. People whose deep muscles are not "
            "working well often hold their breath when they lift, push or "
            "concentrate, using a rigid chest as a substitute for a steady "
            "trunk."
        ),
        BulletList(
            (
                "6. Holding your breath to lift a shopping bag or open a jar.",
                "7. Breathing mostly into the upper chest, with the shoulders "
                "rising on each in-breath.",
            )
        ),
        Heading("Other clues"),
        Paragraph(
            "Some clues are less specific but still worth noticing. Lower "
            "back fatigue after standing for a short time, such as at a "
            "concert or while cooking, can point to trunk muscles that tire "
            "quickly. So can a back that feels vulnerable when you twist, "
            "reach into the back seat of a car or pick something up from the "
            "floor. Leakage of urine when you cough, sneeze or jump is also "
            "common and treatable, because the pelvic floor is part of the "
            "same system."
        ),
        Note(
            title="Pelvic floor symptoms are worth mentioning",
            text=(
                "Leaking, heaviness or pelvic pain are common but not "
                "something you have to live with. A GP can refer you to a "
                "pelvic health physiotherapist, who can tailor core work to "
                "you."
            ),
            tone="info",
        ),
        Heading("What to do next"),
        Paragraph(
            "If you recognise three or more of these signs, start with the "
            "basics: learn to breathe low and wide, find a neutral spine "
            "lying on your back, then work through slow exercises such as "
            "the dead bug and bird dog. Retest your single-leg balance every "
            "two weeks. Most people see clear improvement within a month of "
            "short, regular sessions."
        ),
        BulletList(
            (
                "Practise low, wide breathing for two minutes a day.",
                "Do ten minutes of slow core exercises, three to five days a week.",
                "Add one minute of balance practice to an everyday routine.",
                "Break up long periods of sitting every half hour or so.",
            ),
            ordered=True,
        ),
        ProductGrid(
            products=("exercise-mat", "loop-bands", "stability-ball"),
            heading="A simple home kit for core training",
        ),
        Paragraph(
            "A weak core is not a diagnosis or a character flaw. It is a "
            "sign that some of your most useful muscles have had too little "
            "to do. Give them regular, careful work and they respond quickly, "
            "whatever your age or starting point."
        ),
    ),
)

SPINAL_DECOMPRESSION = Article(
    slug="spinal-decompression-what-it-can-and-cannot-do",
    title="Spinal decompression: what it can and cannot do",
    standfirst=(
        "Inversion tables, traction belts and back stretchers promise to "
        "take the pressure off your spine. Some people find them genuinely "
        "soothing. Here is an honest look at what they do, who they suit "
        "and the warning signs that mean you should see a doctor instead."
    ),
    author="maren-holt",
    topics=("recovery", "lower-back-pain"),
    tags=("decompression", "traction", "inversion", "red flags", "sciatica"),
    reviewed_by=REVIEWER,
    published=date(2026, 10, 12),
    last_reviewed=date(2026, 11, 16),
    hero=Figure(
        motif="decompression",
        alt="Illustration of vertebrae drawn apart with space between the discs.",
        caption="Decompression gently separates the vertebrae for a short time.",
    ),
    body=(
        Paragraph(
            "Spinal decompression is a broad term for anything that gently "
            "pulls the vertebrae apart, reducing the pressure on the discs "
            "and joints between them for a while. In clinics it can mean a "
            "motorised traction table. At home it usually means hanging at "
            "an angle on an inversion table, wearing an inflatable belt or "
            "lying over an arched stretcher. The idea is appealing, and many "
            "people say it feels good. The question is what it can "
            "realistically achieve."
        ),
        Paragraph(
            "Clinic traction is usually one part of a wider plan: a "
            "clinician chooses the force, the angle and the length of each "
            "session, and watches how symptoms respond. Home devices hand "
            "those choices to you, which is why it pays to understand both "
            "the benefits and the limits before you buy or use one."
        ),
        Heading("What it can do"),
        Paragraph(
            "Traction creates a small, temporary increase in the space "
            "between vertebrae. That can ease pressure on sensitive tissues "
            "and give muscles that are guarding the spine a chance to relax. "
            "For some people with stiffness or nerve-type pain, this brings "
            "real short-term relief, which can make it easier to move, "
            "exercise and sleep."
        ),
        BulletList(
            (
                "Short-term easing of stiffness and muscle guarding.",
                "A pleasant, calming stretch at the end of a long day.",
                "A window of comfort in which gentle exercise is easier.",
            )
        ),
        Figure(
            motif="traction",
            alt="Diagram of a gentle pulling force along the spine.",
            caption="The effect is real but temporary: discs refill as you move.",
        ),
        Heading("What it cannot do"),
        Paragraph(
            "The space created by traction closes again soon after you stand "
            "up, because body weight and muscle tone compress the spine as "
            "they always have. Research on traction for lower back pain shows "
            "little lasting benefit when it is used on its own. It does not "
            "put a slipped disc back into place, it does not realign the "
            "spine permanently and it does not strengthen anything."
        ),
        Note(
            title="A tool, not a treatment plan",
            text=(
                "Think of decompression like a warm bath: pleasant and "
                "sometimes very helpful for symptoms, but not what changes "
                "the back in the long run. That comes from regular movement "
                "and strengthening."
            ),
            tone="info",
        ),
        Heading("The main home options"),
        Paragraph(
            "Inversion tables tilt the whole body head-down so that gravity "
            "provides the pull. Even a shallow angle of twenty to thirty "
            "degrees gives most of the stretch without the strain of hanging "
            "fully upside down. Because inversion raises blood pressure in "
            "the head and eyes, it is not suitable for everyone."
        ),
        ProductCallout(
            product="inversion-table",
            heading="A table with gentle angle limits",
            text="Start at the shallowest stop and stay there for a week.",
        ),
        Paragraph(
            "Inflatable decompression belts are worn around the waist and "
            "pumped up so that they lengthen slightly, lifting the ribcage "
            "away from the pelvis. They can be worn while walking about the "
            "house. Arched back stretchers are the simplest option: you lie "
            "over them for a few minutes, letting the spine extend gently."
        ),
        Paragraph(
            "Neck traction collars work on the same principle for the "
            "cervical spine. They deserve extra caution, because the neck "
            "carries the arteries and nerves that supply the head and arms."
        ),
        ProductCallout(
            product="neck-traction-collar",
            heading="Neck traction, with care",
            text="While the collar is under review, gentle warmth is a safe "
            "alternative for a tense neck.",
            if_unavailable="fallback",
            fallback_product="neck-shoulder-wrap",
        ),
        CategoryCallout(
            category="spinal-decompression",
            heading="Compare decompression options",
            text="Belts, stretchers and tables for home use.",
            limit=3,
        ),
        Heading("Who should avoid it"),
        BulletList(
            (
                "People with high blood pressure, glaucoma, heart disease or "
                "a history of stroke should avoid inversion.",
                "Pregnancy, hernias, osteoporosis and recent surgery rule out "
                "most forms of home traction.",
                "Anyone with a known spinal fracture, tumour or infection "
                "must not use traction.",
                "If traction makes leg pain, numbness or tingling worse, stop "
                "and seek advice.",
            )
        ),
        Heading("Warning signs that need a doctor, not a gadget"),
        Paragraph(
            "Most back pain is not caused by anything serious and settles "
            "within weeks. A small number of symptoms, though, point to "
            "problems that need prompt medical assessment. Do not try to "
            "treat these at home."
        ),
        Note(
            title="Seek urgent medical help if you have back pain with",
            text=(
                "numbness around the genitals or buttocks, new difficulty "
                "passing urine or controlling your bladder or bowels, "
                "weakness in both legs, or unsteadiness when walking. These "
                "can be signs of cauda equina syndrome, which is an "
                "emergency. Also see a doctor soon for back pain with fever, "
                "unexplained weight loss, a history of cancer, pain after a "
                "significant fall, or pain that is worse at night and does "
                "not ease with rest."
            ),
            tone="warning",
        ),
        Heading("Using decompression sensibly"),
        BulletList(
            (
                "Check with a GP or physiotherapist first if you have any "
                "medical condition or persistent leg symptoms.",
                "Start with short sessions of one to three minutes.",
                "Come out of the position slowly and rest before standing.",
                "Pair it with core and hip exercises, so that relief turns "
                "into lasting change.",
            ),
            ordered=True,
        ),
        Paragraph(
            "Used this way, decompression can earn a place in a home routine. "
            "It is at its best as a gentle reset that makes you more willing "
            "to move, and at its worst when it becomes a reason to put off "
            "the exercise and advice that actually change a back."
        ),
    ),
)

HEAT_OR_COLD = Article(
    slug="heat-or-cold-for-back-pain",
    title="Heat or cold for back pain? A practical guide",
    standfirst=(
        "Reaching for a hot-water bottle or a bag of frozen peas is one of "
        "the oldest home remedies for a sore back. Both can help, but not "
        "in the same situations. Here is how to choose, and how to use them "
        "safely."
    ),
    author="tomas-reyes",
    topics=("recovery", "lower-back-pain"),
    tags=("heat therapy", "cold therapy", "flare-up", "self-care", "massage"),
    reviewed_by=PHYSIO_REVIEWER,
    published=date(2026, 10, 19),
    last_reviewed=date(2026, 11, 18),
    hero=Figure(
        motif="heat-cold",
        alt="Illustration of a warm orange wave meeting a cool blue wave.",
        caption="Warmth for stiffness, cold for a fresh, hot flare-up.",
    ),
    body=(
        Paragraph(
            "Heat and cold are cheap, safe for most people and available in "
            "every kitchen. They do not fix the cause of back pain, but they "
            "change how the pain feels and how willing the muscles are to "
            "move, and that matters. The trick is matching the tool to the "
            "kind of pain you have."
        ),
        Paragraph(
            "It is worth saying early that the old rule of ice for the first "
            "forty-eight hours and heat afterwards is more of a habit than a "
            "law. The evidence for either is modest, and personal preference "
            "is a perfectly good guide. What the evidence does support is "
            "staying active, and anything that makes activity easier earns "
            "its place."
        ),
        Heading("How heat helps"),
        Paragraph(
            "Warmth widens blood vessels near the skin and in the muscles "
            "beneath, bringing more blood flow to the area. It also calms "
            "the nerve signals that make muscles tense protectively around a "
            "sore joint. The result for many people is a looser, more "
            "comfortable back and an easier start to gentle stretching."
        ),
        BulletList(
            (
                "Morning stiffness that eases once you get moving.",
                "A dull, aching back at the end of a long day at a desk.",
                "Muscles that feel knotted or guarded.",
                "Warming up before gentle exercise.",
            )
        ),
        ProductCallout(
            product="heat-pad",
            heading="Steady, adjustable warmth",
            text="Three heat settings and an automatic switch-off.",
        ),
        Heading("How cold helps"),
        Paragraph(
            "Cold narrows blood vessels and slows nerve signals, which dulls "
            "pain for a while. It suits the first day or two after a strain, "
            "when the area feels hot or sharp, and flare-ups after too much "
            "activity. Some people simply prefer cold at any stage, and that "
            "is fine: what matters is that it helps you move."
        ),
        Figure(
            motif="thermometer",
            alt="Illustration of a thermometer split into warm and cool halves.",
            caption="Either can help; comfort is the best guide.",
        ),
        Note(
            title="Protect your skin",
            text=(
                "Always put a cloth between the skin and a hot or cold pack, "
                "limit sessions to about twenty minutes and check the skin "
                "halfway through. Take extra care if you have diabetes, poor "
                "circulation or reduced feeling in the area, and never sleep "
                "on an electric heat pad."
            ),
            tone="warning",
        ),
        Heading("Choosing between them"),
        BulletList(
            (
                "New strain, sharp pain, or the area feels warm: try cold first.",
                "Stiff, achy and better once moving: try heat.",
                "Not sure: try each for ten minutes on different days and "
                "keep whichever feels better.",
                "Some people alternate: cold to calm a flare-up, heat later "
                "to loosen up.",
            )
        ),
        Heading("How long and how often"),
        Paragraph(
            "Short, repeated sessions work better than one long one. Fifteen "
            "to twenty minutes at a time is enough for heat to relax the "
            "muscles or for cold to dull the pain, and you can repeat either "
            "every couple of hours. With cold, the skin goes through a "
            "predictable sequence of cold, burning, aching and then numbness; "
            "once it feels numb, take the pack off. With heat, the skin "
            "should feel pleasantly warm, never hot, and should not stay red "
            "long after the session."
        ),
        BulletList(
            (
                "A bag of frozen peas wrapped in a tea towel makes a good "
                "improvised cold pack.",
                "A hot-water bottle should be filled with hot, not boiling, "
                "water and always used inside a cover.",
                "A warm shower before gentle stretching counts as heat therapy too.",
            )
        ),
        Paragraph(
            "A reusable gel pack is the most convenient cold option, because "
            "it stays flexible when frozen and moulds around the back. A "
            "wrap with a strap keeps it in place while you walk around, "
            "which is better than lying still with a pack balanced on you."
        ),
        ProductGrid(
            products=("gel-cold-pack", "hot-cold-wrap", "wheat-bag"),
            heading="Packs and wraps for hot or cold",
        ),
        Heading("Combining heat with movement"),
        Paragraph(
            "Heat is most useful as a doorway into movement. Ten to fifteen "
            "minutes of warmth before a short session of gentle exercise, "
            "such as knee rolls, pelvic tilts and a slow dead bug, lets the "
            "muscles relax into positions they would otherwise resist. Many "
            "people also like to follow warmth with a few minutes on a foam "
            "roller or a massage gun over the buttocks and thighs, keeping "
            "well away from the bony spine itself."
        ),
        ProductCallout(
            product="percussion-massager",
            heading="Deep massage for large muscles",
            text="Keep it moving and away from the spine itself.",
            if_unavailable="out_of_stock",
        ),
        Heading("When home remedies are not enough"),
        Paragraph(
            "If the pain is no better after two or three weeks of staying "
            "active, keeps you awake at night or spreads into the leg, it is "
            "time to see a GP or physiotherapist. Seek urgent help for back "
            "pain with numbness around the buttocks or genitals, or any new "
            "problem controlling your bladder or bowels."
        ),
        Note(
            title="The simple rule",
            text=(
                "Use whatever helps you move more comfortably, keep sessions "
                "short and safe, and let movement do the long-term work."
            ),
            tone="tip",
        ),
    ),
)

ARTICLES = (
    WHAT_THE_CORE_IS,
    SITTING_SWITCHES_OFF,
    STRAIN_TRAVELS_UP,
    STABILITY_EXERCISES,
    SIGNS_OF_A_WEAK_CORE,
    SPINAL_DECOMPRESSION,
    HEAT_OR_COLD,
)
