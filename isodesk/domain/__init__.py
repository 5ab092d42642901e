"""Pure-Python domain: requirements, answers, scales, scoring, edits. Standard library only."""
