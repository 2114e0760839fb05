# Rezerv: `make run` starts the app, `make test` runs the whole suite.
# Both create .venv from requirements.lock (exact pins) when it is missing or stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint bench bench-table demo screenshots samples schema clean mutation release release-check release-measure

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/rezerv $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check app ui tests bench tools packaging
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q tests

bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

# The README's benchmark table, from the last run's bench/out/results.json (never typed by hand).
bench-table: $(STAMP)
	$(BIN)/python -m bench.table $(ARGS)

# Mutation testing of the rules engine and the calendar ([tool.mutmut] in pyproject.toml): the
# score per file and the survivors; equivalent mutants are listed in docs/rules.md. Takes minutes
# (results are kept in mutants/; `rm -rf mutants` starts over); not part of `make test`.
# MUTANTS='app.rules.terms.*' re-tests the matching mutants only.
MUTATION_STAMP := $(VENV)/.mutation-installed
$(MUTATION_STAMP): requirements-mutation.lock $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock \
		-r requirements-mutation.lock
	@touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	$(BIN)/python tools/mutation.py $(MUTANTS)

# A throwaway demo workstation full of synthetic dossiers; its passphrase is printed.
demo: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/python -m ui.demo $(ARGS)

# PNGs of every main screen in Kazakh and Russian under docs/screenshots/.
screenshots: $(STAMP)
	$(BIN)/python -m ui.screenshots

# One of each printed document in both languages, as PNG pages under docs/samples/
# (needs pdftoppm: apt-get install -y poppler-utils).
samples: $(STAMP)
	$(BIN)/python -m app.documents.samples
	$(BIN)/python -m app.services.report_samples

# Regenerate the JSON Schema of rezerv.dossier/1 from the domain model.
schema: $(STAMP)
	$(BIN)/python -c "import json; from app.services.interchange import json_schema; \
	open('resources/schema/dossier-1.schema.json', 'w').write(json.dumps(json_schema(), \
	ensure_ascii=False, indent=2, sort_keys=True) + '\n')"

# The offline release in dist/ (packaging/README.md). REZERV_MINISIGN_KEY=FILE signs SHA256SUMS.
# Needs binutils (objdump, readelf, strip) and dpkg-dev; CI installs them in .ci/run.
release: $(STAMP)
	$(BIN)/python packaging/build_release.py

# Build the release twice from this commit in two folders and compare the artifacts byte for byte.
release-check: $(STAMP)
	packaging/release-check.sh

# Sizes of dist/ and the packaged app's cold start against `import PySide6.QtWidgets` (README figures).
release-measure: $(STAMP)
	$(BIN)/python packaging/measure.py

clean:
	rm -rf $(VENV) build dist *.egg-info mutants
