"""The learner's doors: the Session every learner command goes through (api), the workspace of
their files (workspace), the workbook `learn notebook` writes (workbook), and the notebook's
%learn magics and quiz form (notebook, notebook_quiz)."""
