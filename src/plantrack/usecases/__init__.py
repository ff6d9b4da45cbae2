"""Orchestration: each module answers one command's question by combining the core
(loading, queries, git) without knowing about the command line or the terminal."""
