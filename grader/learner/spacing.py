"""When a review item comes back: FSRS (the `fsrs` package, the scheduler Anki uses), one card
per item. A wrong answer is Again, a right one after a hint Hard, a right one Good; the card's
stability grows with each right answer, so the spacing grows from a day to weeks, and a wrong
answer brings the item back within days.

How an item starts: a slip (or a missed question) is an Again at the moment it was made, so it
first comes back a day later; a step passed long ago is a Good at its first pass, and comes back
when it enters review (two weeks on, overdue: FSRS's own account of how much was forgotten).
"""

from __future__ import annotations

import json
from datetime import datetime

from fsrs import Card, Rating, Scheduler

# No learning steps (FSRS's default re-asks within 1 and 10 minutes, for a deck flipped through
# in one sitting): a review is a few minutes of `learn review` once a day at most, so a slip
# comes back the next day at the soonest. No fuzzing: the same history gives the same dates,
# which a test and an instructor trying a schedule (LEARN_NOW) both need; a learner's few items
# a day need no spreading.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)

AGAIN, HARD, GOOD = Rating.Again, Rating.Hard, Rating.Good


def rating(correct: bool, hinted: bool) -> Rating:
    """Wrong: Again; right after a hint: Hard; right: Good."""
    if not correct:
        return AGAIN
    return HARD if hinted else GOOD


def started(at: datetime, slipped: bool) -> Card:
    """An item's card, reviewed once by what brought it: Again for a slip or a miss, Good for a
    pass."""
    new = Card(card_id=0, due=at)  # ids of our own (learner, item); 0 skips fsrs's clock read
    return reviewed(new, AGAIN if slipped else GOOD, at)


def reviewed(card: Card, given: Rating, at: datetime) -> Card:
    """The card after a review rated `given` at `at` (UTC)."""
    at = max(at, card.last_review) if card.last_review else at  # a clock set back: no negative wait
    return SCHEDULER.review_card(card, given, at)[0]


def retrievability(card: Card, at: datetime) -> float:
    """FSRS's estimate, from 0 to 1, that the learner would get the item right at `at`."""
    return SCHEDULER.get_card_retrievability(card, at)


def to_text(card: Card) -> str:
    """The card as review_cards stores it (JSON; to_dict is in every fsrs 6.x)."""
    return json.dumps(card.to_dict())


def from_text(text: str) -> Card:
    return Card.from_dict(json.loads(text))
