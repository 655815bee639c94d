"""One module per figure of issue 6 (B1–B7); each has `run(context, report)`."""
