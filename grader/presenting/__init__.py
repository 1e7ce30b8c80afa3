"""How a check's verdict is shown: built once as blocks, then laid out for each front end.

    blocks.py    CheckResult -> [Headline, Traceback, Problem, Where, Slip, Case, Picture,
                 Replay, Printed, Note, NextStep, NotRecorded], in the order all show them
    as_text.py   the terminal (`learn check`, `learn watch`), feedback pages, Gradescope's line
    as_html.py   the notebook (`%%learn`, `%learn check`)
    as_json.py   `learn check --json`
    review.py    a `learn review` run: each item, a check's verdict (less its replay), after

The words themselves are grader/wording/'s: a front end adds layout, never a sentence.
"""
