"""The instructor's side: the Classroom every instructor command goes through (classroom);
hand-ins merged, forgotten and the roster (handins); the trusted regrade, here or on a Dask
cluster (regrade, cluster, and claim: one claim graded again, which both run); grades out
(exports, gradescope, feedback); and what the class did (report, dashboard, similarity)."""
