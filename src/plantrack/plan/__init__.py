"""The plan format: what a plan file may say, and how it is read and checked.

``model`` (the pydantic models), ``status`` (statuses and their spellings, no
pydantic), ``load`` (bytes to data with positions), ``keys`` (levels and the
order keys are written in), ``walk`` (the one walker over a plan's items),
``check`` (one file's problems) and ``folder`` (problems across plans).
Nothing is imported here, so that ``import plantrack.plan.status`` stays light.
"""
