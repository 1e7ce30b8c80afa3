"""Grading one piece of work: draw the cases (cases), run the learner's function and the
reference on them (grade, through grader.running), compare (compare), name the slip (diagnose),
and the verdict that comes out (verdict); quizzes (quiz, expr: the answers learners type)."""
