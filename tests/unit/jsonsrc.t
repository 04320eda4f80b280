#!/bin/sh
exec tests/run-unit jsonsrc
