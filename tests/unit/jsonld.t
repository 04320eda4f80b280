#!/bin/sh
exec tests/run-unit jsonld
