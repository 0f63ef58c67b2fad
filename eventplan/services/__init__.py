"""Domain operations: plain functions that change state, write the audit log and flush."""
