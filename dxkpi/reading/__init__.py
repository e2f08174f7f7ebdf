"""Reading the files: YAML to the model, every problem at once with its line and column."""
