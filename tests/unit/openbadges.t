#!/bin/sh
exec tests/run-unit openbadges
