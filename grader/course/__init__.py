"""The course model: what a step is (spec, spec_model: exercise.toml, validate: `learn
validate`), what an instructor decides about grading (coursefile: course.toml), and the worked
examples a step's explain.py builds from (worked), and what `learn review` asks about each slip
of a step (review_map)."""
