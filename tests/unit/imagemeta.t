#!/bin/sh
exec tests/run-unit imagemeta
