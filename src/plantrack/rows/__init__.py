"""Trackable rows: plans to rows, the rules over them, their stored form."""
