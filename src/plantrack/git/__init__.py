"""What git says about plans: the only code that runs git, the changes between two
revisions, baselines, and when each item was last updated."""
