"""The Atlas program's people, teams, milestones, risks and communication record, written by hand.

Read by generate.py and writer.py. Item references use the backlog handles (backlog.py); the generator
turns them into item keys. Status summaries may use {done} (items finished in the week before the
update: the team's, or the program's) and {wip} (items in progress at the update).
"""

from datetime import date

PROGRAM = {
    "key": "ATLAS",
    "name": "Atlas: new checkout and payments platform",
    "goal": ("Replace the legacy checkout and payment gateway with the new Payments API, web and "
             "native checkout, real-time fraud scoring and finance reporting; 100% of EU traffic "
             "on the new platform, PSD2/SCA compliant and PCI DSS v4 certified, by June 2027."),
    "currency": "EUR",
}

HOLIDAYS = [
    (date(2026, 12, 24), "Christmas Eve"),
    (date(2026, 12, 25), "Christmas Day"),
    (date(2026, 12, 31), "New Year's Eve"),
    (date(2027, 1, 1), "New Year's Day"),
    (date(2027, 3, 26), "Good Friday"),
    (date(2027, 3, 29), "Easter Monday"),
]

# workflow: (name, category, active, wip); active None = the default for the category.
_SCRUM = [("To Do", "todo", None, None), ("In Progress", "in-progress", None, None),
          ("In Review", "in-progress", False, None), ("Done", "done", None, None)]
TEAMS = [
    {"key": "PAY", "name": "Payments API", "method": "scrum",
     "workflow": [("To Do", "todo", None, None), ("In Progress", "in-progress", None, None),
                  ("Code Review", "in-progress", False, None), ("QA", "in-progress", None, None),
                  ("Done", "done", None, None)],
     "channels": [("slack", "#atlas-payments", "day-to-day questions and incidents"),
                  ("meeting", "Payments stand-up, daily 09:30", "team sync"),
                  ("email", "payments-team@atlas.example", "requests from other teams")]},
    {"key": "WEB", "name": "Checkout Web", "method": "scrum", "workflow": _SCRUM,
     "channels": [("slack", "#atlas-checkout-web", "team channel"),
                  ("meeting", "Checkout demo, every other Friday 15:00", "sprint review")]},
    {"key": "MOB", "name": "Mobile Apps", "method": "scrum",
     "workflow": [("To Do", "todo", None, None), ("In Progress", "in-progress", None, None),
                  ("In Review", "in-progress", False, None), ("QA", "in-progress", None, None),
                  ("Done", "done", None, None)],
     "channels": [("slack", "#atlas-mobile", "team channel"),
                  ("slack", "#mobile-releases", "store submissions and rollouts")]},
    {"key": "PLT", "name": "Platform and Infrastructure", "method": "kanban",
     "workflow": [("Backlog", "todo", None, None), ("Ready", "todo", None, 6),
                  ("In Progress", "in-progress", None, 4), ("Review", "in-progress", False, 3),
                  ("Done", "done", None, None)],
     "channels": [("slack", "#platform-requests", "intake: ask here, we triage daily"),
                  ("meeting", "Platform replenishment, Mondays 11:00", "pull the next work")]},
    {"key": "DATA", "name": "Data and Analytics", "method": "scrum", "default_workflow": True,
     "workflow": [("To Do", "todo", None, None), ("In Progress", "in-progress", None, None),
                  ("In Review", "in-progress", False, None), ("Done", "done", None, None)],
     "channels": [("slack", "#atlas-data", "")]},
    {"key": "FRD", "name": "Risk and Fraud", "method": "scrum", "workflow": _SCRUM,
     "channels": [("slack", "#atlas-fraud", "team channel"),
                  ("meeting", "Risk committee, monthly", "model approvals")]},
]

# allocation: percent of a full day on Atlas (a string "80%" or a number); cost_per_day in EUR.
# Web, Mobile, Data and Fraud also run the current shop: several of them give Atlas 60-80%.
PEOPLE = [
    # Program staff: no team, so no items are scheduled on them.
    {"key": "aokafor", "name": "Adaeze Okafor", "role": "Technical program manager",
     "cost_per_day": 920, "skills": ["program-management"]},
    {"key": "mlindqvist", "name": "Maja Lindqvist", "role": "Product director",
     "allocation": "50%", "cost_per_day": 1150, "skills": ["product"]},
    {"key": "jwebb", "name": "Jordan Webb", "role": "Product manager, payments",
     "cost_per_day": 860, "skills": ["product", "payments"]},
    {"key": "lferrari", "name": "Lucia Ferrari", "role": "Product manager, checkout and mobile",
     "cost_per_day": 860, "skills": ["product", "ux"]},
    {"key": "rcastillo", "name": "Rafael Castillo", "role": "Engineering director",
     "allocation": 20, "cost_per_day": 1300, "skills": ["leadership"]},
    {"key": "sbrandt", "name": "Sabine Brandt", "role": "Security and compliance lead",
     "allocation": "50%", "cost_per_day": 1050, "skills": ["pci", "security"]},
    {"key": "ntanaka", "name": "Naoki Tanaka", "role": "Solution architect",
     "allocation": 80, "cost_per_day": 1100, "skills": ["architecture", "payments"]},
    {"key": "hmoller", "name": "Hanna Møller", "role": "Finance business partner",
     "allocation": 20, "cost_per_day": 780, "skills": ["finance"]},
    # Payments API
    {"key": "tnguyen", "name": "Thu Nguyen", "team": "PAY", "role": "Staff engineer, team lead",
     "cost_per_day": 1000, "skills": ["java", "payments", "api-design"],
     "leave": [(date(2027, 3, 1), date(2027, 3, 5), "vacation")]},
    {"key": "jmuller", "name": "Jonas Müller", "team": "PAY", "role": "Senior engineer",
     "cost_per_day": 850, "skills": ["java", "kotlin", "payments"],
     "leave": [(date(2026, 10, 19), date(2026, 10, 23), "vacation")]},
    {"key": "pshah", "name": "Priya Shah", "team": "PAY", "role": "Senior engineer",
     "cost_per_day": 850, "skills": ["java", "3ds", "security"]},
    {"key": "dkowalski", "name": "Dawid Kowalski", "team": "PAY", "role": "Engineer",
     "cost_per_day": 640, "skills": ["java", "postgres"]},
    {"key": "lrossi", "name": "Lorenzo Rossi", "team": "PAY", "role": "Engineer, 4-day week",
     "allocation": "80%", "cost_per_day": 640, "skills": ["java", "testing"]},
    # Checkout Web
    {"key": "kfischer", "name": "Katrin Fischer", "team": "WEB", "role": "Senior engineer, lead",
     "cost_per_day": 900, "skills": ["typescript", "react", "accessibility"],
     "leave": [(date(2027, 1, 25), date(2027, 1, 29), "vacation")]},
    {"key": "omendes", "name": "Otávio Mendes", "team": "WEB", "role": "Senior engineer",
     "allocation": "80%", "cost_per_day": 820, "skills": ["typescript", "react", "nextjs"]},
    {"key": "ysato", "name": "Yuki Sato", "team": "WEB", "role": "Engineer",
     "allocation": 80, "cost_per_day": 620, "skills": ["typescript", "css"],
     "leave": [(date(2026, 12, 21), date(2027, 1, 8), "family visit")]},
    {"key": "cbrennan", "name": "Ciara Brennan", "team": "WEB", "role": "UX engineer, shared",
     "allocation": "50%", "cost_per_day": 700, "skills": ["design-systems", "figma", "css"]},
    # Mobile Apps
    {"key": "mjohansson", "name": "Mikael Johansson", "team": "MOB", "role": "Senior iOS, lead",
     "cost_per_day": 900, "skills": ["ios", "swift"]},
    {"key": "fadeyemi", "name": "Funmilayo Adeyemi", "team": "MOB", "role": "Senior Android",
     "cost_per_day": 880, "skills": ["android", "kotlin"],
     "leave": [(date(2027, 2, 15), date(2027, 4, 9), "parental leave")]},
    {"key": "lgarcia", "name": "Lucas García", "team": "MOB", "role": "iOS engineer",
     "allocation": 80, "cost_per_day": 650, "skills": ["ios", "swift", "kotlin"]},
    {"key": "nvolkova", "name": "Nadia Volkova", "team": "MOB", "role": "Android, Mon-Thu",
     "cost_per_day": 650, "skills": ["android", "kotlin"], "weekdays": [0, 1, 2, 3]},
    # Platform and Infrastructure (shared with the rest of the company)
    {"key": "hsingh", "name": "Harpreet Singh", "team": "PLT", "role": "Staff SRE",
     "allocation": 60, "cost_per_day": 1050, "skills": ["kubernetes", "terraform", "pci"],
     "leave": [(date(2026, 12, 28), date(2027, 1, 8), "vacation")]},
    {"key": "gmoreau", "name": "Gaëlle Moreau", "team": "PLT", "role": "Senior SRE",
     "allocation": 60, "cost_per_day": 880, "skills": ["kubernetes", "observability"]},
    {"key": "rpetrov", "name": "Radu Petrov", "team": "PLT", "role": "SRE",
     "allocation": 60, "cost_per_day": 700, "skills": ["terraform", "ci-cd"]},
    {"key": "wchen", "name": "Wei Chen", "team": "PLT", "role": "Network and security engineer",
     "allocation": "50%", "cost_per_day": 760, "skills": ["networking", "security"]},
    # Data and Analytics
    {"key": "iolsen", "name": "Ingrid Olsen", "team": "DATA", "role": "Senior data engineer, lead",
     "allocation": 80, "cost_per_day": 880, "skills": ["kafka", "spark", "sql"],
     "leave": [(date(2026, 11, 2), date(2026, 11, 6), "conference and vacation")]},
    {"key": "aelsayed", "name": "Ahmed El-Sayed", "team": "DATA", "role": "Data engineer",
     "cost_per_day": 700, "skills": ["kafka", "python", "sql"]},
    {"key": "vpatel", "name": "Vikram Patel", "team": "DATA", "role": "Analytics engineer",
     "allocation": "60%", "cost_per_day": 720, "skills": ["sql", "dbt", "statistics"]},
    # Risk and Fraud
    {"key": "zkaya", "name": "Zeynep Kaya", "team": "FRD", "role": "Senior ML engineer, lead",
     "cost_per_day": 950, "skills": ["python", "ml", "fraud"],
     "leave": [(date(2026, 12, 21), date(2026, 12, 31), "vacation")]},
    {"key": "dobrien", "name": "Declan O'Brien", "team": "FRD", "role": "Backend engineer",
     "allocation": 80, "cost_per_day": 780, "skills": ["java", "rules-engines"]},
    {"key": "eward", "name": "Emma Ward", "team": "FRD", "role": "Data scientist",
     "allocation": "60%", "cost_per_day": 760, "skills": ["ml", "statistics"]},
]

# Milestones: epics are listed by (team, epic number); gates as "metric op number" or mappings.
MILESTONES = [
    {"key": "M1", "name": "Payments API sandbox open to the web and mobile teams",
     "deadline": date(2027, 1, 22),
     "gates": ["open_critical_bugs <= 0",
               {"metric": "test_coverage", "op": ">=", "threshold": 80, "actual": 78},
               {"metric": "p99_latency_ms", "op": "<=", "threshold": 300, "actual": 240}]},
    {"key": "M2", "name": "Checkout beta: 5% of German traffic on web",
     "deadline": date(2027, 3, 5),
     "gates": [{"metric": "open_bugs", "op": "<=", "threshold": 5, "actual": 14},
               {"metric": "test_coverage", "op": ">=", "threshold": 80, "actual": 68},
               {"metric": "accessibility_violations", "op": "<=", "threshold": 0, "actual": 9},
               {"metric": "sca_certification_passed", "op": "==", "threshold": 1, "actual": 0}]},
    {"key": "M3", "name": "Native apps and wallets live in DE and AT",
     "deadline": date(2027, 4, 30),
     "gates": [{"metric": "crash_free_sessions", "op": ">=", "threshold": 99.5, "actual": 99.1},
               "open_bugs <= 3"]},
    {"key": "M4", "name": "General availability: 100% of EU traffic, legacy gateway off",
     "deadline": date(2027, 6, 4),
     "gates": ["open_bugs <= 0",
               {"metric": "test_coverage", "op": ">=", "threshold": 80, "actual": 72},
               {"metric": "pci_findings_open", "op": "<=", "threshold": 0, "actual": 4},
               {"metric": "error_budget_remaining_pct", "op": ">=", "threshold": 25,
                "actual": 61}]},
]

# Risks: items by backlog handle ("epic:TEAM:n" for an epic), milestones by key.
RISKS = [
    {"key": "R1", "title": "Acquirer 3DS2 certification slot slips into March",
     "probability": 0.4, "impact": [5, 10, 20], "cost_impact": 40000,
     "items": ["pay.cert", "epic:PAY:2"], "milestones": ["M2"], "owner": "pshah",
     "mitigation": "Book a backup slot with the scheme test platform; pre-run the full case "
                   "matrix in the simulator.", "trigger_date": date(2027, 1, 15),
     "status": "open"},
    {"key": "R2", "title": "PCI DSS assessment finds gaps in CDE segmentation",
     "probability": "30%", "impact": [10, 15, 30], "cost_impact": 80000,
     "items": ["epic:PLT:3"], "milestones": ["M4"], "owner": "sbrandt",
     "mitigation": "Pre-assessment by the QSA in February; segmentation test in the pen test "
                   "scope.", "trigger_date": date(2027, 2, 26), "status": "open"},
    {"key": "R3", "title": "Android capacity gap during the lead's parental leave",
     "probability": 0.5, "impact": [5, 10, 15], "cost_impact": 30000,
     "items": ["epic:MOB:1", "epic:MOB:2"], "milestones": ["M3"], "owner": "mjohansson",
     "mitigation": "Contractor from the partner agency from February; iOS engineer Lucas cross-"
                   "trained on the Android module.", "trigger_date": date(2027, 1, 29),
     "status": "open"},
    {"key": "R4", "title": "Vault-to-vault card migration by the PSP takes longer than quoted",
     "probability": 0.35, "impact": [10, 20, 40], "cost_impact": 60000,
     "items": ["pay.cardmig", "pay.waves"], "milestones": ["M4"], "owner": "tnguyen",
     "mitigation": "Start the PSP's export request in January; migrate DE first.",
     "trigger_date": date(2027, 3, 15), "status": "open"},
    {"key": "R5", "title": "Apple Pay merchant domain verification delays",
     "probability": 0.2, "impact": [2, 5, 10], "items": ["pay.applepay", "web.applepay"],
     "milestones": ["M3"], "owner": "jwebb",
     "mitigation": "Domains verified early in the sandbox account.", "status": "mitigated"},
    {"key": "R6", "title": "Fraud model false positives too high to ramp up beyond 5%",
     "probability": 0.3, "impact": [5, 10, 25], "cost_impact": 25000,
     "items": ["frd.model", "frd.thresholds"], "milestones": ["M2", "M4"], "owner": "zkaya",
     "mitigation": "Four weeks of shadow scoring before enforcing; per-country thresholds.",
     "trigger_date": date(2027, 2, 12), "status": "open"},
    {"key": "R7", "title": "Kafka cluster saturates at peak checkout volume",
     "probability": 0.25, "impact": [3, 5, 10], "cost_impact": 20000,
     "items": ["plt.kafka", "data.ingest"], "milestones": ["M2"], "owner": "hsingh",
     "mitigation": "Cluster sized for 3x peak and load-tested in November.",
     "status": "mitigated"},
    {"key": "R8", "title": "Peak-season change freeze extended by a week",
     "probability": 1, "impact": [3, 5, 5], "items": ["epic:PLT:1"], "owner": "aokafor",
     "mitigation": "Freeze runs 2026-11-23 to 2026-12-04; deployments to production batched "
                   "after it.", "status": "occurred"},
    {"key": "R9", "title": "EBA opinion changes the TRA exemption rules",
     "probability": 0.15, "impact": [5, 10, 20], "items": ["frd.tra"], "milestones": ["M2"],
     "owner": "sbrandt", "mitigation": "Legal confirmed the current RTS applies until 2028.",
     "status": "closed"},
    {"key": "R10", "title": "Browser storage changes break 3DS challenge iframes",
     "probability": 0.2, "impact": [3, 8, 15], "items": ["web.3ds"], "milestones": ["M2"],
     "owner": "kfischer", "mitigation": "Redirect fallback for every browser without "
                                          "third-party storage.", "status": "open"},
    {"key": "R11", "title": "Finance reconciliation requirements unclear: ledger rework",
     "probability": 0.4, "impact": [5, 12, 25], "cost_impact": 35000,
     "items": ["pay.ledger", "data.mart"], "milestones": ["M4"], "owner": "hmoller",
     "mitigation": "Finance signs off the posting rules before the ledger is built.",
     "trigger_date": date(2027, 1, 29), "status": "open"},
    {"key": "R12", "title": "Load test shows a database bottleneck at 3x peak",
     "probability": 0.35, "impact": [5, 10, 20], "cost_impact": 50000,
     "items": ["plt.loadenv", "pay.loadtest"], "milestones": ["M4"], "owner": "gmoreau",
     "mitigation": "Read replicas and connection pooling prepared; test early in a "
                   "production-sized environment.", "trigger_date": date(2027, 3, 19),
     "status": "open"},
    {"key": "R13", "title": "3DS SDK vendor contract not signed in time",
     "probability": 0.3, "impact": [5, 8, 15], "cost_impact": 15000,
     "items": ["mob.3dsvendor"], "milestones": ["M3"], "owner": "lferrari",
     "mitigation": "Procurement fast track agreed; a second vendor shortlisted.",
     "trigger_date": date(2026, 12, 18), "status": "open"},
]

DECISIONS = [
    ("D1", date(2026, 9, 30), "ntanaka", "accepted",
     "Adyen is the primary acquirer for all EU markets; the acquirer adapter keeps a second "
     "acquirer possible."),
    ("D2", date(2026, 10, 2), "sbrandt", "accepted",
     "Card data is captured only in hosted fields (PCI SAQ-A); no card data touches our web "
     "servers."),
    ("D3", date(2026, 10, 14), "mlindqvist", "accepted",
     "SEPA Direct Debit and buy-now-pay-later move to phase 2, after GA."),
    ("D4", date(2026, 10, 21), "iolsen", "accepted",
     "Checkout events go through Kafka with schemas in the registry; no direct database reads "
     "by analytics."),
    ("D5", date(2026, 11, 4), "mjohansson", "proposed",
     "Native 3DS SDK from the scheme-certified vendor rather than a web view challenge."),
    ("D6", date(2026, 11, 11), "aokafor", "rejected",
     "Move the checkout beta (M2) to April. Rejected: keep the March date and trim the beta "
     "scope instead."),
    ("D7", date(2026, 11, 18), "rcastillo", "accepted",
     "Contract an Android engineer from February to cover the parental leave in Mobile."),
    ("D8", date(2026, 10, 7), "ntanaka", "superseded",
     "Self-built feature flag service. Superseded by D9."),
    ("D9", date(2026, 11, 16), "ntanaka", "accepted",
     "Use the managed feature flag service the platform team already runs."),
]

ACTIONS = [
    ("A1", "Book the backup 3DS certification slot with the scheme", "pshah",
     date(2026, 11, 27), False),
    ("A2", "Finance to sign off the ledger posting rules", "hmoller", date(2026, 12, 11), False),
    ("A3", "Start the contractor onboarding for Android", "mjohansson", date(2027, 1, 22), False),
    ("A4", "Send the PSP the card export request for the vault migration", "tnguyen",
     date(2027, 1, 15), False),
    ("A5", "Agree the QSA pre-assessment dates", "sbrandt", date(2026, 12, 4), False),
    ("A6", "Share the sandbox API keys with Mobile and Web", "jmuller", date(2026, 11, 13), True),
    ("A7", "Decide the minimum iOS and Android versions", "lferrari", date(2026, 11, 20), True),
    ("A8", "Size the Kafka cluster for 3x peak", "hsingh", date(2026, 10, 30), True),
    ("A9", "Fix the 9 accessibility violations before the beta gate", "kfischer",
     date(2027, 2, 19), False),
    ("A10", "Publish the rollout plan by country", "aokafor", date(2026, 12, 18), False),
    ("A11", "Review fraud thresholds with the risk committee", "zkaya", date(2027, 1, 29),
     False),
]

# Weekly program status (Fridays), by the program manager: (date, rag, summary, blockers, facts).
# facts: {handle: todo | wip | review | done | started | open} that must hold at the end of that
# day in the simulation; generate.py checks them, so the record stays true to the history.
PROGRAM_STATUS = [
    (date(2026, 10, 2), "green", "Kick-off done; all six teams staffed; sprint 1 under way. "
     "{done} items done this week.", [], {"plt.pipelines": "done"}),
    (date(2026, 10, 9), "green", "Payment-intent design in progress; PCI-zone cluster being "
     "provisioned; Kafka cluster ready. {done} items done, {wip} in progress.", [],
     {"pay.design": "wip", "plt.cluster": "wip", "plt.kafka": "done"}),
    (date(2026, 10, 16), "green", "Refunds API done; design tokens shipped; checkout shell under "
     "way. {done} items done, {wip} in progress.", [],
     {"pay.refunds": "done", "web.tokens": "done", "web.shell": "wip"}),
    (date(2026, 10, 23), "amber", "PCI-zone cluster up; 3DS challenge flow started, but the "
     "certification slot is offered only for late February, close to the beta date. {done} "
     "items done, {wip} in progress.", ["3DS certification slot not confirmed (R1)"],
     {"plt.cluster": "done", "pay.3ds": "wip"}),
    (date(2026, 10, 30), "amber", "Merchant sandbox environment up a week late; Payments' test "
     "cards follow. Web and mobile work on mocks. {done} items done, {wip} in progress.",
     ["Payment-intent design still open: authorisation cannot start",
      "3DS certification slot (R1)"],
     {"plt.sandbox": "done", "pay.sandbox": "wip", "pay.design": "wip", "pay.auth": "todo"}),
    (date(2026, 11, 6), "amber", "Payment-intent design done after five weeks, twice its "
     "estimate; Android parental leave from February confirmed (R3). {done} items done, {wip} "
     "in progress.", ["Android capacity Feb-Apr (R3)", "3DS certification slot (R1)"],
     {"pay.design": "done", "pay.intents": "wip"}),
    (date(2026, 11, 13), "amber", "Fraud shadow scoring waits for the event pipeline; beta scope "
     "trimmed (D6). {done} items done, {wip} in progress.",
     ["Event pipeline needed by fraud scoring", "Ledger posting rules not signed off (A2)"],
     {"data.ingest": "wip", "frd.shadow": "todo"}),
    (date(2026, 11, 20), "amber", "Beta (M2) forecast beyond 5 March: 3DS certification, "
     "production enablement and the web challenge UI in series; recovery plan next week. "
     "Peak-season change freeze starts Monday. {done} items done, {wip} in progress.",
     ["Beta date at risk: 3DS web challenge UI and certification",
      "Ledger posting rules not signed off (A2)", "Change freeze 23 Nov - 4 Dec (R8)"],
     {"pay.3ds": "wip", "web.3ds": "todo", "pay.cert": "todo"}),
]

# Team status: (date, team, author, rag, summary, blockers, facts)
TEAM_STATUS = [
    (date(2026, 10, 30), "PAY", "tnguyen", "green", "Refunds done; the payment-intent design is "
     "still open and holds up authorisation. {done} items done.", [],
     {"pay.refunds": "done", "pay.design": "wip", "pay.auth": "todo"}),
    (date(2026, 11, 6), "PAY", "tnguyen", "green", "Payment-intent design and error model done; "
     "the intents endpoint has started. {done} items done.", [],
     {"pay.design": "done", "pay.errors": "done", "pay.intents": "wip"}),
    (date(2026, 11, 13), "PAY", "tnguyen", "amber", "3DS challenge flow in progress; sandbox test "
     "cards in review; certification slot still unconfirmed. {done} items done.",
     ["3DS certification slot"], {"pay.3ds": "wip", "pay.sandbox": "review"}),
    (date(2026, 11, 20), "PAY", "tnguyen", "amber", "{done} items done; OpenAPI contract in "
     "review. 3DS work is the critical path for the beta.",
     ["Fraud TRA decision needed for exemptions"],
     {"pay.openapi": "review", "pay.sandbox": "done", "frd.tra": "todo"}),
    (date(2026, 11, 6), "WEB", "kfischer", "green", "Checkout shell and design tokens shipped. "
     "{done} items done.", [], {"web.shell": "done", "web.tokens": "done"}),
    (date(2026, 11, 13), "WEB", "kfischer", "amber", "Hosted card fields in progress; the "
     "payment-intent integration waits for the Payments API. {done} items done.",
     ["Payments intents endpoint"],
     {"web.cardfields": "wip", "web.intents": "todo", "pay.intents": "wip"}),
    (date(2026, 11, 20), "WEB", "kfischer", "red", "3DS challenge UI cannot start before the "
     "Payments 3DS flow; beta scope at risk. {done} items done.",
     ["Payments 3DS challenge flow", "9 accessibility violations open"],
     {"web.3ds": "todo", "pay.3ds": "wip"}),
    (date(2026, 11, 13), "MOB", "mjohansson", "green", "Both checkout shells done and running "
     "against mocks; 3DS SDK vendor evaluation ongoing. {done} items done.", [],
     {"mob.iosshell": "done", "mob.andshell": "done", "mob.3dsvendor": "wip"}),
    (date(2026, 11, 20), "MOB", "mjohansson", "amber", "3DS SDK contract not signed yet (R13). "
     "{done} items done.", ["3DS SDK vendor contract"], {"mob.3dsvendor": "wip"}),
    (date(2026, 11, 13), "PLT", "hsingh", "green", "Staging and sandbox up; Kafka sized for 3x "
     "peak; feature flag service live. {done} items done.", [],
     {"plt.staging": "done", "plt.sandbox": "done", "plt.kafka": "done", "plt.flags": "done"}),
    (date(2026, 11, 20), "PLT", "hsingh", "green", "{done} items done; mobile build pipelines "
     "next; freeze prep for peak season.", [], {"plt.mobileci": "started"}),
    (date(2026, 11, 20), "DATA", "iolsen", "amber", "Kafka ingestion in progress; the fraud "
     "feature stream comes next. {done} items done.", ["Kafka ACLs for the PCI zone"],
     {"data.ingest": "wip", "data.features": "todo"}),
    (date(2026, 11, 13), "FRD", "zkaya", "green", "Scoring API done; model v1 training on legacy "
     "data, offline AUC 0.91. {done} items done.", [],
     {"frd.api": "done", "frd.model": "wip"}),
    (date(2026, 11, 20), "FRD", "zkaya", "amber", "Model v1 done; shadow scoring blocked on live "
     "events. {done} items done.", ["Checkout event feed from Data"],
     {"frd.model": "done", "frd.shadow": "todo", "data.ingest": "wip"}),
]

# Non-labour spend by month end: cloud, licences, audits, contractors.
NON_LABOUR = {
    date(2026, 9, 30): 6000, date(2026, 10, 31): 22000, date(2026, 11, 30): 26000,
    date(2026, 12, 31): 58000, date(2027, 1, 31): 30000, date(2027, 2, 28): 52000,
    date(2027, 3, 31): 67000, date(2027, 4, 30): 52000, date(2027, 5, 31): 112000,
    date(2027, 6, 30): 36000,
}
NON_LABOUR_ACTUAL = {date(2026, 9, 30): 7400, date(2026, 10, 31): 31500}
