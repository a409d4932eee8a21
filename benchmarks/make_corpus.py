"""Generate a portal of any size, with its Git history, for benchmarks.

Deterministic (one `random.Random(seed)`): the same options always give the
same files and the same commits. The portal is a full, valid MkDocs project:

- `mkdocs.yml` is the repository's own (the theme comes with the installed
  package); `docs/site` and
  the taxonomies (`content/categories.yaml`, `content/departments.yaml`) are
  copied;
- ideas and questions (Danish or English, drawn from built-in sentences),
  answers (legal status changes, in date order), and votes (one plain line
  per supporter, skewed: a few ideas with 50,000+ supporters at the default
  size);
- the portal answers like the demo: `demo_shape` measures the demo's content
  (the share of ideas with answers, answers per answered idea, answer and
  idea body lengths in words) and `build` draws from those measurements, so
  about 70% of ideas are answered, a third of them in several steps.
  `--answered 0.3` keeps the older, less answered shape for comparison;
- the history is written with `git fast-import` in one process (the
  `FastImport` of `generator.demo`, as `benchmarks/history_bench.py` uses):
  commits that submit ideas, append answers and add supporters, in date
  order, with increasing commit dates. The checkout of the last commit *is*
  the portal: nothing is written outside Git.

    .venv/bin/python -m benchmarks.make_corpus --ideas 1000 --to /tmp/portal-1000
    .venv/bin/python -m benchmarks.make_corpus --ideas 1000 --answered 0.3 --to /tmp/portal-1000-old

Nothing in the text is anyone's personal data: names are invented, and no
text holds an `@` or a run of digits the personal-data guard would look at.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.demo import FastImport
from generator.statuses import BY_KEY, INITIAL

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)
FIRST_DAY = dt.date(2020, 1, 2)
LAST_SUBMITTED = dt.date(2026, 10, 31)
CHANNELS = ("web", "web", "web", "email", "meeting", "letter", "employee")
VOTE_CHANNELS = ("web", "web", "web", "web", "paper", "meeting")

DA_SENTENCES = (
    "Jeg cykler hver dag ad denne strækning sammen med mine børn, og det føles ikke trygt.",
    "Der mangler en ordentlig belysning, så det er svært at se fodgængere om aftenen.",
    "Mange naboer har talt om problemet på vores fællesmøder i løbet af det sidste år.",
    "Det ville gøre en stor forskel for ældre borgere, som har svært ved at gå langt.",
    "Kommunen kunne tage udgangspunkt i de gode erfaringer fra nabobyen.",
    "Forslaget kræver ikke store investeringer, men det kræver en klar plan.",
    "Om sommeren er der mange turister, og så bliver trafikken ofte kaotisk.",
    "Børnene fra skolen bruger stedet i frikvartererne og efter skoletid.",
    "Vi foreslår, at kommunen opsætter flere bænke og nogle affaldsspande.",
    "Et lille grønt område med træer og blomster ville løfte hele kvarteret.",
    "Det er vigtigt, at løsningen også fungerer for kørestolsbrugere og barnevogne.",
    "Foreningerne i området vil gerne hjælpe med at holde stedet pænt.",
    "Biblioteket er et vigtigt mødested, og åbningstiderne passer dårligt til familier.",
    "Bussen kører for sjældent om aftenen, så unge mennesker bliver hentet i bil.",
    "Der ligger ofte affald langs stien efter weekenden.",
    "En bedre skiltning ville hjælpe både gæster og lokale.",
    "Havnen har et stort potentiale som samlingssted for hele byen.",
    "Vi har set lignende projekter lykkes andre steder i landet.",
    "Det vil også gavne de lokale butikker, hvis flere mennesker kommer forbi.",
    "Jeg håber, at kommunen vil se positivt på forslaget og inddrage borgerne.",
    "Støjen fra vejen er blevet værre, efter at der er kommet flere lastbiler.",
    "Legepladsen trænger til nye redskaber, for de gamle er slidte.",
    "Svømmehallen er meget populær, men der er lange køer om morgenen.",
    "Et fælles køkken i kulturhuset kunne samle nye og gamle borgere.",
    "Skolevejen krydser en stærkt trafikeret vej uden fodgængerovergang.",
    "Flere ladestandere til elbiler ville gøre det lettere at vælge grønt.",
    "Regnvandet samler sig i store søer på fortovet efter hvert skybrud.",
    "Det gamle pakhus står tomt og kunne bruges til værksteder og udstillinger.",
)
EN_SENTENCES = (
    "I cycle along this stretch every day with my children, and it does not feel safe.",
    "The lighting is poor, so it is hard to see people walking in the evening.",
    "Many neighbours have raised the problem at our residents' meetings over the past year.",
    "It would make a big difference for older residents who find it hard to walk far.",
    "The municipality could build on the good experience of the neighbouring town.",
    "The proposal does not need a large budget, but it does need a clear plan.",
    "In summer there are many visitors, and the traffic often becomes chaotic.",
    "Pupils from the school use the place during breaks and after lessons.",
    "We suggest that the municipality puts up more benches and some litter bins.",
    "A small green space with trees and flowers would lift the whole neighbourhood.",
    "It matters that the solution also works for wheelchair users and prams.",
    "The local clubs would gladly help to keep the place tidy.",
    "The library is an important meeting place, and its opening hours suit families badly.",
    "The bus runs too rarely in the evening, so young people are picked up by car.",
    "Litter is often left along the path after the weekend.",
    "Better signs would help visitors and locals alike.",
    "The harbour has great potential as a meeting place for the whole town.",
    "Similar projects have worked well in other parts of the country.",
    "Local shops would also benefit if more people came by.",
    "I hope the council will look kindly on the proposal and involve residents.",
    "Noise from the road has grown worse since more lorries started using it.",
    "The playground needs new equipment, as the old one is worn out.",
    "The swimming pool is very popular, but there are long queues in the morning.",
    "A shared kitchen in the culture house could bring new and old residents together.",
    "The way to school crosses a busy road with no pedestrian crossing.",
    "More charging points for electric cars would make the green choice easier.",
    "Rain water gathers in large pools on the pavement after every cloudburst.",
    "The old warehouse stands empty and could house workshops and exhibitions.",
)
DA_ANSWER = (
    "Tak for forslaget, som vi har drøftet i forvaltningen.",
    "Vi har besigtiget stedet og kan se, at der er behov for en løsning.",
    "Sagen er sendt videre til udvalget, som behandler den på et kommende møde.",
    "Projektet er nu med i budgettet, og arbejdet begynder i foråret.",
    "Vi har desværre ikke økonomi til forslaget i denne omgang.",
    "Arbejdet er afsluttet, og vi takker for den gode idé.",
    "Vi vender tilbage, når vi kender resultatet af undersøgelsen.",
    "Forvaltningen holder et borgermøde om sagen, hvor alle er velkomne.",
)
EN_ANSWER = (
    "Thank you for the proposal, which we have discussed in the department.",
    "We have visited the site and can see that a solution is needed.",
    "The matter has gone to the committee, which will take it up at a coming meeting.",
    "The project is now in the budget, and work starts in the spring.",
    "Unfortunately there is no money for the proposal this time.",
    "The work is finished, and we thank you for the good idea.",
    "We will come back to you when the results of the survey are known.",
    "The department will hold a public meeting on the matter, and everyone is welcome.",
)
DA_TITLES = ("Bedre {} ved {}", "Flere {} i {}", "Ny {} til {}", "Tryg {} langs {}", "Hvornår kommer der {} i {}")
EN_TITLES = ("Better {} by {}", "More {} in {}", "A new {} for {}", "A safe {} along {}", "When will {} come to {}")
DA_THINGS = ("cykelsti", "belysning", "bænke", "legeplads", "busforbindelse", "skraldespande", "træer", "parkering")
EN_THINGS = ("cycle path", "lighting", "benches", "playground", "bus service", "litter bins", "trees", "parking")
PLACES = ("Fjordvej", "Havnen", "Skovbakke", "Torvet", "Strandparken", "Møllebakken", "Kirkestien", "Stationen")
FIRST_NAMES = ("Maja", "Erik", "Sofie", "Jonas", "Ida", "Lars", "Freja", "Anders", "Karin", "Oskar", "Nora", "Emil")
OFFICIALS = (
    ("Jens Kofoed", "Head of Roads and Parks"),
    ("Anja Dahl", "chef for Kultur og Fritid"),
    ("Mads Bjerre", "chef for Miljø"),
    ("Hanne Riis", "Head of Citizen Services"),
    ("Birgitte Holm", "chef for Børn og Unge"),
    ("Søren Ågård", "planchef"),
)
DAY_ISO: dict[int, str] = {}


def _iso(ordinal: int) -> str:
    text = DAY_ISO.get(ordinal)
    if text is None:
        text = DAY_ISO[ordinal] = dt.date.fromordinal(ordinal).isoformat()
    return text


@dataclass(frozen=True, slots=True)
class Shape:
    """How a portal answers, as measured on one: generated portals draw from these lists."""

    answered: float  # share of ideas with at least one answer
    steps: tuple[int, ...]  # answers per answered idea, one number per answered idea
    answer_words: tuple[int, ...]  # words in each answer's body
    idea_words: tuple[int, ...]  # words in each idea's body (withheld ideas, which have none, left out)


def demo_shape(content: Path = REPO / "content") -> Shape:
    """Measure the portal whose content folder is `content` (by default the repository's demo)."""
    ideas = sorted((content / "ideas").glob("*.yaml"))
    answers = sorted((content / "answers").glob("*.yaml"))
    idea_words = []
    for path in ideas:
        body = yaml.safe_load(path.read_text("utf-8")).get("body") or ""
        if body:
            idea_words.append(len(body.split()))
    steps = []
    answer_words = []
    for path in answers:
        entries = yaml.safe_load(path.read_text("utf-8"))["answers"]
        steps.append(len(entries))
        answer_words += [len(entry["body"].split()) for entry in entries]
    if not ideas or not answers:
        raise ValueError(f"{content} has no ideas or no answers to measure")
    return Shape(len(answers) / len(ideas), tuple(steps), tuple(answer_words), tuple(idea_words))


def _words(rng: random.Random, sentences: Sequence[str], target: int) -> str:
    """Paragraphs of 3–5 sentences, at least `target` words in all, lines folded at about 80 characters."""
    paragraphs: list[str] = []
    count = 0
    while count < target:
        paragraph: list[str] = []
        for _ in range(rng.randint(3, 5)):
            if count >= target:
                break
            sentence = rng.choice(sentences)
            paragraph.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(paragraph))
    out: list[str] = []
    for text in paragraphs:
        line = ""
        for word in text.split():
            if line and len(line) + len(word) > 78:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
        out.append("")
    return "\n".join(out[:-1]) + "\n"


def _indent(text: str, pad: str) -> str:
    return "".join((pad + line if line else "") + "\n" for line in text.splitlines())


@dataclass(slots=True)
class _Event:
    day: int  # ordinal
    order: int  # submissions before answers before supports on the same day
    path: str
    data: bytes


def _answer_entries(
    rng: random.Random, shape: Shape, kind: str, submitted: int, english: bool
) -> list[tuple[int, str]]:
    """A legal chain of answers (dates as ordinals), as many as `shape` draws, no reopenings and no duplicates."""
    entries: list[tuple[int, str]] = []
    status = INITIAL.key
    day = submitted
    steps = rng.choice(shape.steps)
    for step in range(steps):
        options = sorted(
            s for s in BY_KEY[status].leads_to if kind in BY_KEY[s].kinds and s not in ("duplicate", INITIAL.key)
        )
        if step < steps - 1:  # only the last answer may close the idea: a closed one would have to reopen
            options = [s for s in options if not BY_KEY[s].closed]
        if not options or BY_KEY[status].closed:
            break
        status = rng.choice(options)
        day = min(day + rng.randint(0, 120), TODAY.toordinal())
        official, title = rng.choice(OFFICIALS)
        body = _words(rng, EN_ANSWER if english else DA_ANSWER, rng.choice(shape.answer_words))
        department = rng.choice(DEPARTMENTS)
        entries.append(
            (
                day,
                f"  - date: {_iso(day)}\n"
                f"    status: {status}\n"
                f"    department: {department}\n"
                f"    signed: {official}, {title}\n"
                "    body: |\n" + _indent(body, "      "),
            )
        )
    return entries


DEPARTMENTS: list[str] = []


# Supporters of one idea at most: 400,000 lines make a votes file of about 20 MB, under the loader's limit.
MAX_SUPPORTERS = 400_000


def _vote_counts(rng: random.Random, ideas: int, total: int) -> list[int]:
    """Supporters per idea: a few very popular ideas, a long tail, many with none."""
    counts = [0] * ideas
    if total <= 0 or ideas == 0:
        return counts
    order = list(range(ideas))
    rng.shuffle(order)
    popular = max(1, min(ideas // 50, total // 200_000 if total >= 200_000 else 1))
    share = 0.3 if total >= 200_000 else 0.2
    left = total
    for index in order[:popular]:
        counts[index] = int(total * share / popular)
        left -= counts[index]
    tail = order[popular : popular + max(1, int(ideas * 0.6))]
    weights = [rng.paretovariate(1.2) for _ in tail]
    scale = left / sum(weights) if weights else 0
    for index, weight in zip(tail, weights, strict=True):
        counts[index] = int(weight * scale)
    counts[order[0]] += total - sum(counts)  # exact total
    # The Pareto tail has no bound: at 50,000 ideas one idea drew 700,000 supporters, a votes file over the
    # loader's 32 MiB limit. Cap each idea and give what is over to the popular few.
    over = sum(max(0, count - MAX_SUPPORTERS) for count in counts)
    counts = [min(count, MAX_SUPPORTERS) for count in counts]
    for place, index in enumerate(order[:popular]):
        counts[index] += over // popular + (1 if place < over % popular else 0)
    return counts


def _vote_events(
    rng: random.Random, meta: list[tuple[str, int, bool]], votes: int, seed: int
) -> tuple[list[_Event], int]:
    """The vote files' versions (up to four per idea, growing) and how many ideas have votes."""
    events: list[_Event] = []
    ideas = len(meta)
    # Supporters: unique 16-hex pseudonyms from a bijection of a counter, dates between submission and today.
    serial = seed * 1_000_003
    today = TODAY.toordinal()
    vote_files = 0
    for index, count in enumerate(_vote_counts(rng, ideas, votes)):
        if count <= 0:
            continue
        vote_files += 1
        idea_id, submitted, _ = meta[index]
        width = today - submitted + 1
        dates = sorted(submitted + int(width * rng.random() ** 2) for _ in range(count))
        lines = []
        for ordinal in dates:
            serial += 1
            voter = (serial * 0x9E3779B97F4A7C15) & 0xFFFF_FFFF_FFFF_FFFF
            lines.append(f"  - {voter:016x} {_iso(ordinal)} {VOTE_CHANNELS[voter % 6]}\n")
        head = "# yaml-language-server: $schema=../../schemas/votes.schema.json\nsupporters:\n"
        batches = max(1, min(4, count // 5000 + 1))
        for batch in range(1, batches + 1):
            upto = count * batch // batches
            events.append(
                _Event(dates[upto - 1], 2, f"content/votes/{idea_id}.yaml", (head + "".join(lines[:upto])).encode())
            )

    return events, vote_files


def _commit_all(root: Path, rng: random.Random, events: list[_Event], commits: int) -> int:
    """Write the setup commit, then `events` spread over the other commits, into a repository at `root`."""
    events.sort(key=lambda e: (e.day, e.order))
    stream = FastImport()
    setup: dict[str, bytes | None] = {
        "mkdocs.yml": _mkdocs_yml().encode(),
        "content/categories.yaml": (REPO / "content/categories.yaml").read_bytes(),
        "content/departments.yaml": (REPO / "content/departments.yaml").read_bytes(),
        ".gitignore": b"site/\n",
    }
    for path in sorted((REPO / "docs/site").rglob("*")):
        if path.is_file():
            setup[str(path.relative_to(REPO))] = path.read_bytes()
    tz = dt.timezone(dt.timedelta(hours=1))
    when = dt.datetime(2020, 1, 1, 8, 0, tzinfo=tz)
    stream.commit(author="Fjordby Borgerservice", when=when, message="Start the portal", changes=setup)
    wanted = max(commits - 1, 1)
    made = 1
    total = len(events)
    for number in range(wanted):
        chunk = events[total * number // wanted : total * (number + 1) // wanted]
        if chunk:
            changes: dict[str, bytes | None] = {event.path: event.data for event in chunk}
            day = max(event.day for event in chunk)
            kinds_in = {("submit", "answer", "support")[event.order] for event in chunk}
            message = f"{'/'.join(sorted(kinds_in))}: {len(chunk)} change(s)"
        else:  # fewer changes than commits: note-only commits keep the count
            day = when.date().toordinal()
            changes = {"docs/notes.md": f"Note {number}\n".encode()}
            message = "Notes"
        candidate = dt.datetime.combine(dt.date.fromordinal(day), dt.time(9, 0), tzinfo=tz)
        when = max(candidate, when + dt.timedelta(seconds=1))
        author = rng.choice(OFFICIALS)[0] if chunk and chunk[0].order == 1 else "Fjordby Borgerservice"
        stream.commit(author=author, when=when, message=message, changes=changes)
        made += 1
    root.mkdir(parents=True, exist_ok=True)
    stream.run(root)
    return made


def build(
    root: Path,
    ideas: int = 10_000,
    answered: float | None = None,
    votes: int = 1_000_000,
    commits: int = 20_000,
    seed: int = 1,
) -> dict[str, int]:
    """Write the portal and its history to `root` (which must not exist or be empty); return counts.

    Answers, their steps and body lengths, and idea body lengths follow the demo (`demo_shape`);
    `answered`, a share between 0 and 1, overrides the demo's share of answered ideas.
    """
    if answered is not None and not 0 <= answered <= 1:
        raise ValueError(f"answered is a share of the ideas, between 0 and 1, not {answered}")
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
    shape = demo_shape()
    share = shape.answered if answered is None else answered
    answered_ideas = round(ideas * share)
    DEPARTMENTS[:] = sorted(yaml.safe_load((REPO / "content/departments.yaml").read_text("utf-8"))["departments"])
    categories = sorted(yaml.safe_load((REPO / "content/categories.yaml").read_text("utf-8"))["categories"])

    # Submission days, sorted, and ids numbered per year in that order.
    span = LAST_SUBMITTED.toordinal() - FIRST_DAY.toordinal()
    days = sorted(FIRST_DAY.toordinal() + rng.randrange(span) for _ in range(ideas))
    per_year: dict[int, int] = {}
    events: list[_Event] = []
    meta: list[tuple[str, int, bool]] = []
    for day in days:
        year = dt.date.fromordinal(day).year
        per_year[year] = per_year.get(year, 0) + 1
        idea_id = f"{year}-{per_year[year]:04d}"
        english = rng.random() < 0.3
        kind = "question" if rng.random() < 0.15 else "idea"
        things, titles = (EN_THINGS, EN_TITLES) if english else (DA_THINGS, DA_TITLES)
        title = rng.choice(titles).format(rng.choice(things), rng.choice(PLACES))
        text = (
            "# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
            f"title: {title}\n"
            f"kind: {kind}\n"
            f"submitted: {_iso(day)}\n"
            f"author: {rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}.\n"
            f"category: {rng.choice(categories)}\n"
            f"channel: {rng.choice(CHANNELS)}\n" + ("language: en\n" if english else "") + "body: |\n"
        ) + _indent(_words(rng, EN_SENTENCES if english else DA_SENTENCES, rng.choice(shape.idea_words)), "  ")
        events.append(_Event(day, 0, f"content/ideas/{idea_id}.yaml", text.encode()))
        meta.append((idea_id, day, english))

    kinds = {}
    for event in events:
        kinds[event.path] = b"kind: question\n" in event.data
    answer_entries = 0
    multi_step = 0
    for index in sorted(rng.sample(range(ideas), answered_ideas)):
        idea_id, day, english = meta[index]
        kind = "question" if kinds[f"content/ideas/{idea_id}.yaml"] else "idea"
        entries = _answer_entries(rng, shape, kind, day, english)
        multi_step += len(entries) > 1
        head = "# yaml-language-server: $schema=../../schemas/answers.schema.json\nanswers:\n"
        for upto in range(1, len(entries) + 1):
            body = head + "".join(text for _, text in entries[:upto])
            events.append(_Event(entries[upto - 1][0], 1, f"content/answers/{idea_id}.yaml", body.encode()))
        answer_entries += len(entries)

    vote_events, vote_files = _vote_events(rng, meta, votes, seed)
    events += vote_events
    made = _commit_all(root, rng, events, commits)
    return {
        "ideas": ideas,
        "answered": answered_ideas,
        "multi_step": multi_step,
        "answer_entries": answer_entries,
        "supporters": votes,
        "vote_files": vote_files,
        "commits": made,
    }


def _mkdocs_yml() -> str:
    return (REPO / "mkdocs.yml").read_text("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=10_000, help="ideas and questions (default 10000)")
    parser.add_argument(
        "--answered",
        type=float,
        help="share of ideas with answers, 0 to 1 (default the demo's, about 0.7; 0.3 gives the older corpus)",
    )
    parser.add_argument("--votes", type=int, default=1_000_000, help="supporter lines in all (default 1000000)")
    parser.add_argument("--commits", type=int, default=20_000, help="commits in all (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--to", type=Path, required=True, help="folder to create the portal in (must not exist)")
    parser.add_argument("--force", action="store_true", help="replace --to if it exists")
    args = parser.parse_args(argv)
    if args.answered is not None and not 0 <= args.answered <= 1:
        parser.error(f"--answered is a share between 0 and 1, such as 0.3, not {args.answered}")
    if args.to.exists():
        if not args.force:
            parser.error(f"{args.to} exists; use --force to replace it")
        shutil.rmtree(args.to)
    start = time.perf_counter()
    counts = build(args.to, args.ideas, args.answered, args.votes, args.commits, args.seed)
    print(", ".join(f"{k} {v}" for k, v in counts.items()) + f"; built in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
