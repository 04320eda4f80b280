#!/bin/sh
exec tests/run-unit frontmatter
