#!/bin/sh
exec tests/run-unit bake
