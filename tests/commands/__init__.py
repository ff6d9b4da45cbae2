"""Tests of one command each through the CLI: tests/commands/test_<cmd>.py."""
