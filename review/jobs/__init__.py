"""Background jobs: big imports, checks runs and exports, run by the task worker.

`models.Job` is what the user follows on the job page (what, how far, the result);
`run.run_job` is what the worker runs; review.tasks is the task the queue stores; the writes
go through review.services.jobs and the same services the requests use.
"""
