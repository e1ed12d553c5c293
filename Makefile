# Hemvist — the two commands a newcomer needs: `make run` and `make test`.
# Everything they need is installed by the targets below; nothing is done by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app hemvist
# The demo runs on the embedded SQLite backend in ./instance unless told otherwise.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_ENV := HEMVIST_ENV=development HEMVIST_DEMO=true

.PHONY: run test setup demo translations translations-compile bench bench-web lint clean system-deps

run: setup translations-compile demo
	@echo
	@echo "Hemvist (demo) on http://127.0.0.1:$(PORT)/ — demo logins, all with password hemvist-demo:"
	@echo "  admin@hemvist.example              platform admin"
	@echo "  samordnare@varnamo.example         Värnamo coordinator"
	@echo "  enhetschef@varnamo.example         Värnamo unit admin"
	@echo "  samordnare@gislaved.example        Gislaved coordinator"
	@echo "  samordnare@gnosjoregionen.example  coordinator in Gnosjö and Vaggeryd"
	@echo "  lansstyrelsen@jonkoping.example    county board, Jönköpings län"
	@echo "  lansstyrelsen@kronoberg.example    county board, Kronobergs län"
	@echo "Landlords' sign-up form: http://127.0.0.1:$(PORT)/varnamo/landlord-signup; a link to a demo landlord's"
	@echo "own page: $(DEMO_ENV) $(FLASK) demo landlord-link varnamo tomas.bergstrom@ljungbacken.example"
	@echo
	$(DEMO_ENV) $(FLASK) run --host 127.0.0.1 --port $(PORT)

# The Python environment, rebuilt when pyproject.toml changes.
setup: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,deploy]'
	touch $@

# Databases, municipalities from tenants/, and the demo data; every step is idempotent.
demo: setup
	$(DEMO_ENV) $(FLASK) db upgrade
	$(DEMO_ENV) $(FLASK) tenants sync
	$(DEMO_ENV) $(FLASK) tenants upgrade
	$(DEMO_ENV) $(FLASK) demo load
	$(DEMO_ENV) $(FLASK) statistics publish

# Extract every marked string, merge it into the catalogues, compile them. The paths in babel.cfg are
# relative to the checkout, so extraction starts there. The template is replaced only when its messages
# changed (not merely its POT-Creation-Date), so a second run leaves every committed file as it was.
translations: setup
	$(BIN)/pybabel --quiet extract -F babel.cfg -k _l -o translations/messages.pot.new --no-location --sort-output \
		--ignore-dirs '.* ._ node_modules' --project Hemvist --copyright-holder "Hemvist" .
	if diff -I '^"POT-Creation-Date: ' translations/messages.pot translations/messages.pot.new >/dev/null 2>&1; \
	then rm translations/messages.pot.new; else mv translations/messages.pot.new translations/messages.pot; fi
	$(BIN)/pybabel --quiet update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(MAKE) translations-compile

translations-compile: setup
	$(BIN)/pybabel --quiet compile -d translations

# Test-only tools outside Python: Debian's chromium for the browser tests, Java for the HTML checker,
# axe-core and the Nu HTML checker from npm.
system-deps: node_modules/.installed
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
		echo "installing chromium and a Java runtime from Debian"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium default-jre-headless; }
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The whole suite, on SQLite and, when HEMVIST_TEST_POSTGRES_URL is set, on PostgreSQL too.
test: setup translations-compile system-deps lint
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# Provisioning, upgrades, tenancy and the county page, then matching; non-zero when either misses a target.
bench: setup translations-compile
	$(BIN)/python -m bench $(BENCH_ARGS); tenancy=$$?; \
	$(BIN)/python -m bench.matching $(MATCHING_BENCH_ARGS); matching=$$?; \
	exit $$(( tenancy > matching ? tenancy : matching ))

# The landlord pages under load (gunicorn, wrk, PostgreSQL); see docs/performance.md.
bench-web: setup translations-compile
	$(BIN)/python -m bench --web $(BENCH_ARGS)

lint: setup
	$(BIN)/ruff check platform tests bench migrations
	$(BIN)/ruff format --check --quiet platform tests bench migrations
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules instance .pytest_cache translations/*/LC_MESSAGES/*.mo
