"""The learner's doors: the Session every learner command goes through (api), the workspace of
their files (workspace), the workbook `learn notebook` writes (workbook), the notebook's
%learn magics and quiz form (notebook, notebook_quiz), and `learn review` (review: the items
from their history; spacing: FSRS, when each comes back; notebook_review: `%learn review`)."""
