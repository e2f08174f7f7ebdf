"""Editing the files: atomic writes that change only what they mean to, the history, Excel."""
