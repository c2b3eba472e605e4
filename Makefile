# The developer's front door; each target says the plain command it runs (see CONTRIBUTING.md).
.PHONY: build test up unit clean bench chaos format

build:   ## ./mvnw -DskipTests package
	./handrail build

test:    ## ./mvnw verify (unit and integration tests on real NATS and PostgreSQL)
	./handrail test

unit:    ## ./mvnw test (no end-to-end tests)
	./mvnw -B test

up:      ## start the whole system locally
	./handrail up

bench:   ## measure the system against its baselines; writes docs/benchmarks.md and docs/benchmarks.json
	./handrail bench

chaos:   ## inject faults under load; writes docs/reliability.md
	./handrail chaos

format:  ## ./mvnw spotless:apply (the formatter `verify` checks)
	./mvnw -B -q spotless:apply

clean:   ## ./mvnw clean, and forget local data
	./mvnw -B -q clean && rm -rf .handrail
