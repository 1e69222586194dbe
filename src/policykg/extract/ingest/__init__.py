"""Reading text the project was never tuned on: adding documents, general patterns, entity candidates,
relation proposals with a learned scorer, and the review that turns proposals into the user's knowledge."""
