#!/usr/bin/env python3
"""Writes data/demo-catalog.json, the demo catalogue the `serve` command seeds.

The output is the protobuf JSON mapping of credpath.v1.CatalogDocument (field names as
in proto/credpath/v1/resources.proto). Every provider, credential, qualification and
learner is fictional; the agencies, frameworks and ISCED-F codes are real. What the
catalogue holds and why is described in docs/demo-catalog.md.

The script is deterministic: the same source always gives byte-identical JSON, so the
committed file can be checked against it (`python3 data/make_demo_catalog.py --check`).
"""

import argparse
import datetime
import json
import pathlib
import sys

OUTPUT = pathlib.Path(__file__).resolve().parent / "demo-catalog.json"
CURRENCY = "AUD"

# --- enum spellings (credpath.v1) -------------------------------------------------------

MODE = {m: f"DELIVERY_MODE_{m}" for m in ("ONLINE", "MOSTLY_ONLINE", "MOSTLY_ONSITE", "ONSITE")}
LOW, MEDIUM, HIGH = "DEGREE_LOW", "DEGREE_MEDIUM", "DEGREE_HIGH"
EDUCATORS, PEERS, TECHNOLOGY = "ASSESSOR_EDUCATORS", "ASSESSOR_PEERS", "ASSESSOR_TECHNOLOGY"
PAPER, DIGITAL_CERT, BADGE, VC = (
    "ATTESTATION_PAPER", "ATTESTATION_DIGITAL_CERTIFICATE", "ATTESTATION_BADGE",
    "ATTESTATION_VERIFIABLE_CREDENTIAL")
UPFRONT, DEFERRED, INSTALMENTS, SCHOLARSHIP, EMPLOYER = (
    "PAYMENT_OPTION_UPFRONT", "PAYMENT_OPTION_DEFERRED", "PAYMENT_OPTION_INSTALMENTS",
    "PAYMENT_OPTION_SCHOLARSHIP", "PAYMENT_OPTION_EMPLOYER_SPONSORED")


def money(dollars):
    """Whole dollars to the proto Money message (integer minor units)."""
    return {"currency": CURRENCY, "minor_units": int(dollars) * 100}


def level(framework, value):
    return {"framework": f"LEVEL_FRAMEWORK_{framework}", "value": value}


# --- providers ----------------------------------------------------------------------------
# Each provider states its level framework, its terms (scheduled offerings) and the benefit
# facts its credentials share; a credential overrides only what differs.

PROVIDERS = [
    dict(id="uom", name="University of Merrivale", standing=0.86, industry_standing=0.72,
         quality_assured=True, quality_assured_by="TEQSA", regions=["AU"]),
    dict(id="hbu", name="Harbourside University", standing=0.74, industry_standing=0.68,
         quality_assured=True, quality_assured_by="TEQSA", regions=["AU", "NZ"]),
    dict(id="ntafe", name="Northgate Institute of TAFE", standing=0.58, industry_standing=0.76,
         quality_assured=True, quality_assured_by="ASQA", regions=["AU-VIC"]),
    dict(id="apma", name="Australasian Project Management Association", standing=0.62,
         industry_standing=0.88, quality_assured=True,
         quality_assured_by="ASQA (registered training organisation)", regions=["AU", "NZ"]),
    dict(id="lw", name="Learnwell Open Courses", standing=0.50, industry_standing=0.35,
         quality_assured=True, quality_assured_by="QQI (Quality and Qualifications Ireland)",
         regions=["IE", "GB", "AU", "NZ", "US"]),
    dict(id="cfa", name="CodeForge Academy", standing=0.38, industry_standing=0.55,
         quality_assured=False, regions=["AU"]),
]

FRAMEWORK = {"uom": "AQF", "hbu": "AQF", "ntafe": "AQF", "apma": "AQF", "lw": "EQF",
             "cfa": "AQF"}

# The 2027 start date of each provider's terms; every term runs again 52 weeks later (same
# weekday), so a pathway of several steps can be scheduled into 2028.
TERMS = {
    "uom": {"T1": "2027-02-22", "T2": "2027-06-07", "T3": "2027-09-20"},
    "hbu": {"SP1": "2027-02-01", "SP2": "2027-04-26", "SP3": "2027-07-19",
            "SP4": "2027-10-11"},
    "ntafe": {"S1": "2027-02-08", "S2": "2027-07-19"},
    "apma": {"03": "2027-03-16", "05": "2027-05-18", "08": "2027-08-17", "10": "2027-10-19"},
    "lw": {"cohort-03": "2027-03-01", "cohort-09": "2027-09-06"},
    "cfa": {"C1": "2027-02-01", "C2": "2027-06-14", "C3": "2027-10-04"},
}

BENEFITS = {
    "uom": dict(employer_recognition=HIGH, outcomes=["promotion", "salary"],
                attestation=[DIGITAL_CERT, VC], portable=True, tamper_proof=True,
                summative_assessment=True, assessment_quantum=HIGH, identity_verified=True,
                main_assessor=EDUCATORS, formative_feedback=True, educator_engagement=HIGH,
                peer_engagement=MEDIUM, industry_engagement=MEDIUM, career_advice=True),
    "hbu": dict(employer_recognition=MEDIUM, outcomes=["promotion", "job security"],
                attestation=[DIGITAL_CERT, BADGE], portable=True, tamper_proof=True,
                summative_assessment=True, assessment_quantum=MEDIUM, identity_verified=True,
                main_assessor=EDUCATORS, formative_feedback=True, educator_engagement=MEDIUM,
                peer_engagement=HIGH, industry_engagement=MEDIUM, career_advice=False),
    "ntafe": dict(employer_recognition=MEDIUM, outcomes=["recruitment", "job security"],
                  attestation=[PAPER, DIGITAL_CERT], portable=True, tamper_proof=False,
                  summative_assessment=True, assessment_quantum=MEDIUM, identity_verified=True,
                  main_assessor=EDUCATORS, formative_feedback=True, educator_engagement=HIGH,
                  peer_engagement=MEDIUM, industry_engagement=MEDIUM, career_advice=True),
    "apma": dict(employer_recognition=HIGH, outcomes=["recruitment", "promotion", "salary"],
                 attestation=[DIGITAL_CERT, BADGE, VC], portable=True, tamper_proof=True,
                 industry_accredited=True,
                 industry_accreditor="Australasian Project Management Association",
                 summative_assessment=True, assessment_quantum=MEDIUM, identity_verified=True,
                 main_assessor=TECHNOLOGY, formative_feedback=False, educator_engagement=MEDIUM,
                 peer_engagement=MEDIUM, industry_engagement=HIGH, career_advice=False),
    "lw": dict(employer_recognition=LOW, outcomes=[], attestation=[DIGITAL_CERT, BADGE],
               portable=False, tamper_proof=False, summative_assessment=True,
               assessment_quantum=LOW, identity_verified=False, main_assessor=TECHNOLOGY,
               formative_feedback=True, educator_engagement=LOW, peer_engagement=MEDIUM,
               industry_engagement=LOW, career_advice=False),
    "cfa": dict(employer_recognition=MEDIUM, outcomes=["recruitment"],
                attestation=[DIGITAL_CERT, BADGE], portable=False, tamper_proof=False,
                summative_assessment=True, assessment_quantum=HIGH, identity_verified=False,
                main_assessor=EDUCATORS, formative_feedback=True, educator_engagement=HIGH,
                peer_engagement=HIGH, industry_engagement=HIGH, career_advice=True),
}

PAYMENT = {
    "uom": [UPFRONT, INSTALMENTS, EMPLOYER],
    "hbu": [UPFRONT, SCHOLARSHIP, EMPLOYER],
    "ntafe": [UPFRONT, DEFERRED, INSTALMENTS],
    "apma": [UPFRONT, EMPLOYER],
    "lw": [UPFRONT],
    "cfa": [UPFRONT, DEFERRED, INSTALMENTS],
}

YEARS = (2027, 2028)
DEFAULT_VALID_FROM = "2025-01-01"


def term_start(start_2027, year):
    return (datetime.date.fromisoformat(start_2027) +
            datetime.timedelta(weeks=52 * (year - 2027))).isoformat()


# --- credentials ----------------------------------------------------------------------------

CREDENTIALS = []
LINKS = []


def cred(id, title, lvl, fields, skills, fee, hours, mode, weeks, terms=None, onsite=0,
         sync=False, needs=(), partner="", validity=0, valid_from=DEFAULT_VALID_FROM,
         valid_to=None, **benefits):
    """One micro-credential. `terms` lists the provider's term keys it runs in (None: on
    demand); `needs` lists prerequisite OR-groups, ANDed; `benefits` overrides the
    provider's benefit facts."""
    provider = id.split("-")[0]
    facts = dict(BENEFITS[provider])
    facts.update(benefits)
    record = {
        "id": id, "title": title, "provider_id": provider,
        "level": level(FRAMEWORK[provider], lvl), "fields": list(fields),
        "skills": list(skills), "benefits": facts, "fee": money(fee),
        "payment_options": [] if fee == 0 else PAYMENT[provider],
        "effort_hours": hours, "delivery_mode": MODE[mode], "onsite_days": onsite,
        "pacing": "PACING_SCHEDULED" if terms else "PACING_ON_DEMAND", "synchronous": sync,
        "duration_weeks": weeks, "validity_months": validity, "language": "en",
        "offerings": [{"term": f"{year}-{t}", "start": term_start(TERMS[provider][t], year)}
                      for year in YEARS for t in terms or ()],
        "valid_from": valid_from,
    }
    if partner:
        record["partner_provider_id"] = partner
    if valid_to:
        record["valid_to"] = valid_to
    CREDENTIALS.append(record)
    for group, members in enumerate(needs, start=1):
        for member in members:
            LINKS.append({"from_id": member, "to_id": id, "type": "LINK_TYPE_LEADS_TO",
                          "group": group})


PY_INTRO = ["lw-py-101", "cfa-py-101", "ntafe-sd-101", "ntafe-sd-101-ol"]
PM_FUNDAMENTALS = ["apma-pm-101", "apma-pm-102"]

# Learnwell Open Courses: a MOOC platform on EQF levels, short, cheap, technology-assessed.
cred("lw-py-101", "Python for Everyone", 4, ["0613"], ["python", "programming-basics"],
     99, 24, "ONLINE", 6)
cred("lw-py-201", "Python Data Wrangling with pandas", 5, ["0613", "0688"],
     ["python", "pandas", "data-cleaning"], 149, 30, "ONLINE", 6,
     needs=[PY_INTRO])
cred("lw-sql-101", "SQL for Data Analysis", 4, ["0612"], ["sql", "relational-databases"],
     99, 20, "ONLINE", 4)
cred("lw-stats-101", "Statistics Essentials", 5, ["0542"],
     ["descriptive-statistics", "probability"], 129, 28, "ONLINE", 6, partner="uom",
     assessment_quantum=MEDIUM, educator_engagement=MEDIUM)
cred("lw-r-101", "R Programming for Statistics", 5, ["0542", "0613"],
     ["r-programming", "descriptive-statistics"], 129, 25, "ONLINE", 5, partner="uom")
cred("lw-ml-101", "Machine Learning Crash Course", 6, ["0688"],
     ["machine-learning", "scikit-learn", "model-evaluation"], 249, 36, "ONLINE", 8,
     terms=["cohort-03", "cohort-09"], partner="uom", identity_verified=True,
     assessment_quantum=MEDIUM, employer_recognition=MEDIUM,
     needs=[["lw-py-201", "hbu-ds-101", "uom-ds-106"], ["lw-stats-101", "uom-ds-120"]])
cred("lw-viz-101", "Data Storytelling and Visualisation", 5, ["0688"],
     ["data-visualisation", "communication"], 129, 18, "ONLINE", 4, main_assessor=PEERS,
     peer_engagement=HIGH)
cred("lw-ai-101", "AI Literacy for Everyone", 4, ["0688"], ["ai-literacy"], 0, 10,
     "ONLINE", 3, attestation=[BADGE], summative_assessment=False)
cred("lw-excel-101", "Spreadsheets for Data Analysis", 4, ["0611"],
     ["spreadsheet-analysis"], 49, 12, "ONLINE", 3)
cred("lw-hlth-101", "Introduction to Digital Health", 5, ["0914", "0688"],
     ["digital-health-literacy", "health-information-systems"], 149, 24, "ONLINE", 6,
     terms=["cohort-03", "cohort-09"], partner="hbu", educator_engagement=MEDIUM,
     peer_engagement=HIGH)
cred("lw-hlth-110", "Understanding Electronic Health Records", 5, ["0914"],
     ["emr-implementation", "clinical-workflow"], 99, 16, "ONLINE", 4, partner="hbu")
cred("lw-pm-101", "Agile Project Management Foundations", 5, ["0413"],
     ["agile-delivery", "scrum"], 199, 20, "ONLINE", 5, main_assessor=PEERS)
cred("lw-web-101", "Web Fundamentals: HTML, CSS and JavaScript", 4, ["0613"],
     ["html-css", "javascript"], 99, 30, "ONLINE", 6)
cred("lw-cloud-101", "Cloud Computing Fundamentals", 5, ["0612"],
     ["cloud-computing", "linux"], 149, 22, "ONLINE", 5)

# University of Merrivale: data science and software engineering at AQF 7-9, credit toward
# its Graduate Certificate in Data Science.
cred("uom-ds-101", "Foundations of Data Science", 8, ["0688"],
     ["python", "data-analysis", "descriptive-statistics"], 1990, 100, "MOSTLY_ONLINE", 10,
     terms=["T1", "T2", "T3"], onsite=2,
     needs=[PY_INTRO + ["uom-ds-105", "uom-ds-106", "hbu-ds-101"]])
cred("uom-ds-102", "Data Ethics and Privacy", 8, ["0688"], ["data-ethics", "privacy-law"],
     1290, 60, "ONLINE", 6, terms=["T1", "T3"], sync=True, outcomes=["promotion"])
cred("uom-ds-105", "Python for Data Analysis (2021 curriculum)", 7, ["0613", "0688"],
     ["python", "pandas"], 1350, 70, "ONLINE", 8, valid_from="2021-01-01",
     valid_to="2026-06-30", attestation=[DIGITAL_CERT])
cred("uom-ds-106", "Programming for Data Science", 7, ["0613", "0688"],
     ["python", "pandas", "version-control"], 1390, 70, "ONLINE", 8,
     valid_from="2026-07-01")
cred("uom-ds-110", "Databases and SQL for Analysts", 7, ["0612"],
     ["sql", "data-modelling", "relational-databases"], 1490, 80, "ONLINE", 8)
cred("uom-ds-120", "Applied Statistics for Data Science", 8, ["0542"],
     ["inferential-statistics", "regression", "r-programming"], 1990, 110,
     "MOSTLY_ONLINE", 10, terms=["T1", "T2"], onsite=1)
cred("uom-ds-201", "Statistical Learning", 8, ["0688", "0542"],
     ["machine-learning", "regression", "model-evaluation"], 2290, 120, "MOSTLY_ONLINE", 12,
     terms=["T2", "T3"], onsite=2,
     needs=[["uom-ds-101"], ["uom-ds-120", "hbu-hi-220", "lw-stats-101"]])
cred("uom-ds-210", "Data Engineering Pipelines", 8, ["0612", "0613"],
     ["etl", "apache-spark", "data-pipelines"], 2190, 110, "ONLINE", 10, terms=["T2"],
     industry_accredited=True, industry_accreditor="Australian Computer Society",
     needs=[["uom-ds-110", "ntafe-db-201"], ["uom-ds-101", "lw-py-201"]])
cred("uom-ds-220", "Data Visualisation and Communication", 8, ["0688"],
     ["data-visualisation", "communication", "dashboards"], 1490, 70, "MOSTLY_ONSITE", 6,
     terms=["T1", "T3"], onsite=4, sync=True, peer_engagement=HIGH,
     needs=[["uom-ds-101"]])
cred("uom-ds-230", "Data Science in Context: Industry Project", 8, ["0688", "0413"],
     ["stakeholder-management", "data-analysis", "project-delivery"], 2490, 140,
     "MOSTLY_ONSITE", 12, terms=["T3"], onsite=6, sync=True, industry_engagement=HIGH,
     outcomes=["recruitment", "promotion", "salary"], needs=[["uom-ds-201"]])
cred("uom-ds-240", "Spatial Data Science", 8, ["0688"], ["gis", "spatial-analysis"], 1990,
     100, "ONLINE", 10, terms=["T1"], needs=[["uom-ds-101"]])
cred("uom-ds-250", "Time Series Forecasting", 9, ["0542"], ["time-series", "forecasting"],
     2290, 110, "ONLINE", 10, terms=["T3"], needs=[["uom-ds-201"]])
cred("uom-ds-301", "Deep Learning", 9, ["0688", "0613"],
     ["deep-learning", "neural-networks", "pytorch"], 2590, 130, "ONLINE", 12,
     terms=["T1", "T3"], needs=[["uom-ds-201"]])
cred("uom-ds-302", "Natural Language Processing", 9, ["0688"],
     ["nlp", "text-mining", "large-language-models"], 2590, 120, "ONLINE", 12,
     terms=["T2"], needs=[["uom-ds-301"]])
cred("uom-ds-310", "Causal Inference", 9, ["0542"],
     ["causal-inference", "experimental-design"], 2390, 110, "MOSTLY_ONLINE", 10,
     terms=["T2"], onsite=2, needs=[["uom-ds-201"], ["uom-ds-120", "hbu-hi-220"]])
cred("uom-ds-320", "MLOps: Deploying and Monitoring Models", 9, ["0613", "0688"],
     ["mlops", "docker", "model-monitoring"], 2390, 110, "ONLINE", 10,
     industry_engagement=HIGH,
     needs=[["uom-ds-201", "lw-ml-101"], ["uom-ds-210", "uom-se-210"]])
cred("uom-se-101", "Software Engineering Principles", 8, ["0613"],
     ["software-design", "unit-testing", "version-control"], 1890, 100, "MOSTLY_ONLINE", 10,
     terms=["T1", "T2"], onsite=2, industry_accredited=True,
     industry_accreditor="Australian Computer Society")
cred("uom-se-210", "Cloud-Native Software Architecture", 9, ["0613", "0612"],
     ["cloud-architecture", "microservices", "kubernetes"], 2490, 120, "ONLINE", 12,
     terms=["T2", "T3"], industry_accredited=True,
     industry_accreditor="Australian Computer Society",
     needs=[["uom-se-101", "ntafe-sd-203"], ["ntafe-cloud-101", "lw-cloud-101"]])
cred("uom-se-220", "Secure Software Development", 8, ["0613"],
     ["secure-coding", "threat-modelling"], 1990, 90, "ONLINE", 8, terms=["T3"],
     needs=[["uom-se-101"]])
cred("uom-mgt-101", "Leading Digital Transformation", 8, ["0413"],
     ["change-management", "digital-strategy"], 2190, 80, "MOSTLY_ONSITE", 8,
     terms=["T1"], onsite=5, sync=True, main_assessor=PEERS, industry_engagement=HIGH)
cred("uom-mgt-110", "Data-Driven Decision Making for Managers", 8, ["0413", "0688"],
     ["business-analytics", "decision-making"], 1790, 70, "MOSTLY_ONLINE", 8,
     terms=["T2"], onsite=1, partner="apma")
cred("uom-mgt-120", "Product Management", 8, ["0413"],
     ["product-management", "roadmapping", "user-research"], 1890, 80, "ONSITE", 5,
     terms=["T2"], onsite=10, sync=True, industry_engagement=HIGH)

# Harbourside University: health informatics at AQF 7-9.
cred("hbu-hi-101", "Foundations of Health Informatics", 8, ["0914", "0688"],
     ["health-information-systems", "clinical-terminology"], 1750, 90, "ONLINE", 8,
     terms=["SP1", "SP3"])
cred("hbu-hi-102", "Clinical Terminologies and Coding", 8, ["0914"],
     ["snomed-ct", "icd-10-am", "clinical-coding"], 1650, 80, "ONLINE", 8,
     terms=["SP1", "SP2", "SP4"], main_assessor=TECHNOLOGY)
cred("hbu-hi-201", "Health Data Standards and Interoperability (HL7 FHIR)", 8,
     ["0914", "0612"], ["hl7-fhir", "interoperability", "rest-apis"], 1890, 100, "ONLINE", 8,
     terms=["SP2", "SP4"], industry_accredited=True,
     industry_accreditor="Australasian Institute of Digital Health",
     needs=[["hbu-hi-101"], ["uom-ds-110", "ntafe-db-101", "lw-sql-101"]])
cred("hbu-hi-210", "Electronic Medical Records Implementation", 8, ["0914", "0413"],
     ["emr-implementation", "clinical-workflow", "change-management"], 1990, 100,
     "MOSTLY_ONSITE", 8, terms=["SP3"], onsite=5, sync=True, industry_engagement=HIGH,
     needs=[["hbu-hi-101"]])
cred("hbu-hi-220", "Biostatistics for Health Data", 8, ["0542", "0914"],
     ["biostatistics", "inferential-statistics", "r-programming"], 1890, 100,
     "MOSTLY_ONLINE", 8, terms=["SP1", "SP3"], onsite=1)
cred("hbu-hi-230", "Clinical Decision Support and AI", 9, ["0914", "0688"],
     ["clinical-decision-support", "machine-learning", "ai-safety"], 2290, 110, "ONLINE", 8,
     terms=["SP4"], industry_accredited=True,
     industry_accreditor="Australasian Institute of Digital Health",
     needs=[["hbu-hi-220", "uom-ds-201"], ["hbu-hi-201"]])
cred("hbu-hi-240", "Privacy, Security and Health Law", 8, ["0914", "0421"],
     ["health-privacy-law", "information-security"], 1490, 60, "ONLINE", 6)
cred("hbu-hi-250", "Telehealth and Virtual Care", 7, ["0913", "0914"],
     ["telehealth", "virtual-care"], 1190, 50, "ONLINE", 6, assessment_quantum=LOW)
cred("hbu-hi-260", "Consumer Health Informatics", 8, ["0914"],
     ["patient-engagement", "digital-health-literacy"], 1390, 60, "ONLINE", 6,
     terms=["SP2"], main_assessor=PEERS)
cred("hbu-hi-270", "Genomics Data for Clinicians", 9, ["0914", "0511"],
     ["genomics", "bioinformatics"], 2190, 100, "ONLINE", 8, terms=["SP4"],
     needs=[["hbu-hi-220"]])
cred("hbu-hi-280", "Public Health Surveillance Data", 8, ["0914", "0542"],
     ["epidemiology", "health-data"], 1690, 80, "ONLINE", 8, terms=["SP2"],
     needs=[["hbu-hi-220", "uom-ds-120", "lw-stats-101"]])
cred("hbu-hi-301", "Health Informatics Capstone", 9, ["0914", "0688"],
     ["project-delivery", "health-information-systems", "stakeholder-management"], 2490, 140,
     "MOSTLY_ONSITE", 12, terms=["SP3", "SP4"], onsite=8, sync=True,
     industry_engagement=HIGH, career_advice=True, employer_recognition=HIGH,
     needs=[["hbu-hi-201"], ["hbu-hi-210", "hbu-hi-230"]])
cred("hbu-mgt-101", "Leading in Healthcare", 8, ["0413", "0914"],
     ["clinical-leadership", "team-leadership"], 1690, 70, "MOSTLY_ONSITE", 6,
     terms=["SP1", "SP3"], onsite=4, sync=True)
cred("hbu-mgt-110", "Healthcare Quality and Safety", 8, ["0413", "0914"],
     ["quality-improvement", "patient-safety"], 1590, 70, "ONLINE", 6, terms=["SP2", "SP4"])
cred("hbu-mgt-120", "Health Economics for Managers", 8, ["0413", "0311"],
     ["health-economics", "budgeting"], 1590, 70, "ONLINE", 6, terms=["SP1"])
cred("hbu-ds-101", "Python for Health Data", 7, ["0688", "0914"],
     ["python", "pandas", "health-data"], 1190, 60, "ONLINE", 6, main_assessor=TECHNOLOGY)
cred("hbu-ds-110", "Health Data Visualisation", 8, ["0688", "0914"],
     ["data-visualisation", "dashboards", "health-data"], 1390, 60, "ONLINE", 6,
     terms=["SP3"], needs=[["hbu-ds-101", "lw-py-201", "uom-ds-106"]])

# Northgate Institute of TAFE: nationally recognised skill sets at AQF 4-5, the units of
# its Certificate IV and Diploma; state-subsidised fees.
cred("ntafe-sd-101", "Programming Fundamentals (campus)", 4, ["0613"],
     ["python", "programming-basics", "problem-solving"], 420, 80, "MOSTLY_ONSITE", 18,
     terms=["S1", "S2"], onsite=10, sync=True, peer_engagement=HIGH)
cred("ntafe-sd-101-ol", "Programming Fundamentals (online)", 4, ["0613"],
     ["python", "programming-basics", "problem-solving"], 420, 80, "ONLINE", 18,
     terms=["S1", "S2"], educator_engagement=MEDIUM, peer_engagement=LOW)
cred("ntafe-sd-102", "Web Development Basics", 4, ["0613"],
     ["html-css", "javascript", "responsive-design"], 380, 60, "ONLINE", 10)
cred("ntafe-db-101", "Database Fundamentals (SQL)", 4, ["0612"],
     ["sql", "relational-databases", "data-modelling"], 360, 60, "ONLINE", 10)
cred("ntafe-sd-110", "Version Control and Collaboration", 4, ["0613"],
     ["git", "version-control", "agile-delivery"], 180, 24, "ONLINE", 4)
cred("ntafe-net-101", "Networking Essentials", 4, ["0612"], ["networking", "tcp-ip"], 390,
     60, "ONSITE", 10, terms=["S1"], onsite=8, sync=True)
cred("ntafe-os-101", "Linux Command Line Essentials", 4, ["0612"], ["linux", "shell-scripting"],
     180, 24, "ONLINE", 4, main_assessor=TECHNOLOGY)
cred("ntafe-sec-101", "Cyber Security Awareness", 4, ["0612"], ["cyber-security-basics"],
     240, 30, "ONLINE", 5, main_assessor=TECHNOLOGY)
cred("ntafe-sd-201", "Object-Oriented Programming (Java)", 5, ["0613"],
     ["java", "object-oriented-programming", "unit-testing"], 560, 100, "ONLINE", 18,
     terms=["S1", "S2"], needs=[PY_INTRO])
cred("ntafe-sd-202", "Front-End Web Applications (React)", 5, ["0613"],
     ["javascript", "react", "web-accessibility"], 520, 90, "ONLINE", 18, terms=["S2"],
     needs=[["ntafe-sd-102", "lw-web-101"], ["ntafe-sd-101", "ntafe-sd-101-ol", "ntafe-sd-201"]])
cred("ntafe-sd-203", "Back-End APIs and Services", 5, ["0613", "0612"],
     ["rest-apis", "node-js", "authentication"], 560, 100, "ONLINE", 18, terms=["S1", "S2"],
     needs=[["ntafe-sd-201"], ["ntafe-db-101", "lw-sql-101", "uom-ds-110"]])
cred("ntafe-db-201", "Database Design and Administration", 5, ["0612"],
     ["database-design", "postgresql", "query-optimisation"], 480, 80, "ONLINE", 18,
     terms=["S2"], needs=[["ntafe-db-101", "lw-sql-101"]])
cred("ntafe-sd-210", "Software Testing and Quality", 5, ["0613"],
     ["unit-testing", "test-automation", "quality-assurance"], 440, 70, "ONLINE", 12,
     needs=[["ntafe-sd-201"]])
cred("ntafe-cloud-101", "Cloud Infrastructure Fundamentals (AWS)", 5, ["0612"],
     ["cloud-computing", "aws", "linux"], 490, 80, "MOSTLY_ONLINE", 18, terms=["S1", "S2"],
     onsite=2, validity=36, industry_accredited=True,
     industry_accreditor="AWS Academy", needs=[["ntafe-net-101", "lw-cloud-101"]])
cred("ntafe-sd-220", "Mobile App Development", 5, ["0613"],
     ["mobile-development", "kotlin", "ux-design"], 560, 100, "MOSTLY_ONSITE", 18,
     terms=["S2"], onsite=6, sync=True, needs=[["ntafe-sd-201"]])
cred("ntafe-ux-101", "User Experience Design", 5, ["0613"],
     ["ux-design", "user-research", "prototyping"], 420, 60, "MOSTLY_ONLINE", 12,
     terms=["S1"], onsite=2, main_assessor=PEERS)
cred("ntafe-sd-301", "Diploma Capstone: Software Project (campus)", 5, ["0613"],
     ["project-delivery", "agile-delivery", "full-stack-development"], 640, 140,
     "MOSTLY_ONSITE", 18, terms=["S1", "S2"], onsite=8, sync=True,
     industry_engagement=HIGH,
     needs=[["ntafe-sd-203"], ["ntafe-sd-202", "ntafe-sd-220"], ["ntafe-sd-210"]])
cred("ntafe-sd-302", "Diploma Capstone: Remote Industry Project", 5, ["0613"],
     ["project-delivery", "agile-delivery", "full-stack-development"], 640, 140, "ONLINE",
     18, terms=["S1"], industry_engagement=HIGH, peer_engagement=LOW,
     needs=[["ntafe-sd-203"], ["ntafe-sd-202", "ntafe-sd-220"], ["ntafe-sd-210"]])
cred("ntafe-sec-201", "Secure Web Applications", 5, ["0613", "0612"],
     ["secure-coding", "owasp"], 440, 60, "ONLINE", 12, terms=["S2"],
     needs=[["ntafe-sd-203", "cfa-fs-101"], ["ntafe-sec-101"]])
cred("ntafe-da-201", "Data Analytics with Excel and Power BI", 5, ["0688", "0413"],
     ["spreadsheet-analysis", "power-bi", "dashboards"], 480, 70, "ONLINE", 12,
     terms=["S1", "S2"], needs=[["ntafe-db-101", "lw-sql-101", "lw-excel-101"]])
cred("ntafe-ai-201", "AI-Assisted Software Development", 5, ["0613"],
     ["ai-literacy", "prompt-engineering", "python"], 380, 40, "ONLINE", 6,
     valid_from="2026-07-01", needs=[["ntafe-sd-201", "lw-py-201"]])
cred("ntafe-biz-101", "Business Administration Essentials", 4, ["0413"],
     ["business-writing", "office-administration"], 280, 50, "ONLINE", 10)
cred("ntafe-biz-110", "Customer Service and Stakeholder Communication", 4, ["0413"],
     ["stakeholder-communication", "customer-service"], 220, 40, "MOSTLY_ONSITE", 8,
     terms=["S1", "S2"], onsite=4, sync=True)
cred("ntafe-biz-201", "Project Coordination", 5, ["0413"],
     ["project-coordination", "scheduling", "risk-management"], 460, 70, "MOSTLY_ONLINE",
     12, terms=["S1", "S2"], onsite=2, needs=[["ntafe-biz-101"] + PM_FUNDAMENTALS])
cred("ntafe-biz-210", "Workplace Leadership", 5, ["0413"],
     ["team-leadership", "conflict-resolution"], 460, 70, "ONSITE", 12, terms=["S2"],
     onsite=6, sync=True)

# Australasian Project Management Association: an industry body's certifications, exam-
# assessed and proctored, renewed every three years.
cred("apma-pm-101", "Project Management Fundamentals", 5, ["0413"],
     ["project-management", "scheduling", "risk-management"], 690, 24, "ONSITE", 1,
     terms=["03", "05", "08", "10"], onsite=3, sync=True, validity=36)
cred("apma-pm-102", "Project Management Fundamentals (virtual classroom)", 5, ["0413"],
     ["project-management", "scheduling", "risk-management"], 640, 24, "ONLINE", 2,
     terms=["03", "08"], sync=True, validity=36)
cred("apma-agile-201", "Certified Agile Practitioner", 5, ["0413"],
     ["agile-delivery", "scrum", "kanban"], 890, 30, "MOSTLY_ONLINE", 4,
     terms=["05", "10"], onsite=1, validity=36,
     needs=[PM_FUNDAMENTALS + ["lw-pm-101"]])
cred("apma-risk-201", "Project Risk and Governance", 6, ["0413"],
     ["risk-management", "governance"], 950, 32, "ONSITE", 2, terms=["05", "10"], onsite=3,
     sync=True, validity=36, needs=[PM_FUNDAMENTALS])
cred("apma-pgm-301", "Program and Portfolio Management", 6, ["0413"],
     ["portfolio-management", "benefits-realisation", "governance"], 1450, 40,
     "MOSTLY_ONSITE", 6, terms=["08"], onsite=3, validity=36, main_assessor=EDUCATORS,
     needs=[["apma-risk-201"], ["apma-agile-201", "ntafe-biz-201"]])
cred("apma-hpm-201", "Managing Health Projects", 6, ["0413", "0914"],
     ["project-management", "clinical-governance"], 990, 32, "ONLINE", 4,
     terms=["03", "08"], sync=True, validity=36, partner="hbu", needs=[PM_FUNDAMENTALS])
cred("apma-dpm-201", "Managing Digital and Software Projects", 6, ["0413", "0613"],
     ["agile-delivery", "software-delivery", "stakeholder-management"], 990, 32, "ONLINE",
     4, validity=36, needs=[["apma-agile-201"]])
cred("apma-ba-201", "Business Analysis Practitioner", 6, ["0413"],
     ["business-analysis", "requirements-engineering"], 1190, 36, "MOSTLY_ONLINE", 5,
     terms=["03", "08"], onsite=2, validity=36)

# CodeForge Academy: a private bootcamp, not quality-assured; levels are its own AQF claim.
cred("cfa-py-101", "Python Sprint", 4, ["0613"], ["python", "programming-basics"], 490,
     40, "ONLINE", 4)
cred("cfa-fs-101", "Full-Stack Web Development Bootcamp", 5, ["0613"],
     ["javascript", "react", "node-js", "rest-apis", "git"], 12900, 480, "ONLINE", 12,
     terms=["C1", "C2", "C3"], sync=True)
cred("cfa-ds-201", "Data Science Bootcamp", 5, ["0688"],
     ["python", "pandas", "machine-learning", "data-visualisation"], 11500, 420, "ONLINE",
     12, terms=["C2"], sync=True, needs=[PY_INTRO])
cred("cfa-ux-101", "UX/UI Design Bootcamp", 5, ["0613"],
     ["ux-design", "user-research", "prototyping"], 8900, 300, "MOSTLY_ONLINE", 10,
     terms=["C1", "C3"], onsite=3, sync=True)
cred("cfa-cloud-201", "DevOps and Cloud Engineering Bootcamp", 5, ["0612", "0613"],
     ["docker", "kubernetes", "ci-cd", "aws"], 9900, 320, "ONLINE", 12,
     terms=["C2", "C3"], sync=True, needs=[["cfa-fs-101", "ntafe-sd-201", "cfa-py-101"]])
cred("cfa-ai-101", "Generative AI for Developers", 5, ["0613", "0688"],
     ["prompt-engineering", "large-language-models", "rest-apis"], 1490, 30, "ONLINE", 4,
     needs=[PY_INTRO])

# --- other links -----------------------------------------------------------------------------


def link(kind, a, b, **extra):
    LINKS.append({"from_id": a, "to_id": b, "type": f"LINK_TYPE_{kind}", **extra})


# Co-requisites: before the item or in the same term.
for a, b in [("uom-ds-102", "uom-ds-230"), ("hbu-hi-101", "hbu-hi-102"),
             ("ntafe-sd-110", "ntafe-sd-301"), ("ntafe-sd-110", "ntafe-sd-302")]:
    link("COREQUISITE", a, b)

# Advisory order only.
for a, b in [("lw-stats-101", "uom-ds-120"), ("lw-r-101", "uom-ds-120"),
             ("apma-pm-101", "uom-mgt-120"), ("lw-hlth-110", "hbu-hi-210"),
             ("ntafe-biz-110", "apma-ba-201"), ("lw-excel-101", "ntafe-da-201"),
             ("uom-se-101", "uom-ds-320"), ("lw-viz-101", "uom-ds-220"),
             ("lw-ai-101", "ntafe-ai-201"), ("hbu-hi-102", "hbu-hi-201")]:
    link("RECOMMENDED_BEFORE", a, b)

# Shared content: the fraction of the smaller item's content the two have in common.
OVERLAPS = [
    ("lw-sql-101", "uom-ds-110", 0.5), ("ntafe-db-101", "uom-ds-110", 0.6),
    ("lw-sql-101", "ntafe-db-101", 0.7), ("lw-viz-101", "uom-ds-220", 0.4),
    ("hbu-ds-110", "uom-ds-220", 0.4), ("hbu-hi-220", "uom-ds-120", 0.5),
    ("hbu-hi-240", "uom-ds-102", 0.35), ("uom-ds-105", "uom-ds-106", 0.8),
    ("hbu-ds-101", "uom-ds-106", 0.6), ("hbu-ds-101", "lw-py-201", 0.4),
    ("ntafe-sd-101", "ntafe-sd-101-ol", 1.0), ("apma-pm-101", "apma-pm-102", 1.0),
    ("apma-pm-101", "ntafe-biz-201", 0.5), ("apma-pm-101", "lw-pm-101", 0.4),
    ("apma-agile-201", "lw-pm-101", 0.3), ("lw-cloud-101", "ntafe-cloud-101", 0.5),
    ("cfa-fs-101", "ntafe-sd-202", 0.7), ("cfa-fs-101", "ntafe-sd-203", 0.6),
    ("cfa-ds-201", "uom-ds-101", 0.5), ("cfa-ds-201", "lw-ml-101", 0.6),
    ("cfa-ux-101", "ntafe-ux-101", 0.6), ("cfa-cloud-201", "ntafe-cloud-101", 0.5),
    ("cfa-ai-101", "ntafe-ai-201", 0.5), ("ntafe-sec-201", "uom-se-220", 0.3),
    ("hbu-hi-210", "lw-hlth-110", 0.2), ("lw-ml-101", "uom-ds-201", 0.3),
    ("lw-py-101", "ntafe-sd-101", 0.5), ("lw-py-101", "ntafe-sd-101-ol", 0.5),
    ("cfa-py-101", "lw-py-101", 0.7), ("lw-web-101", "ntafe-sd-102", 0.6),
    ("uom-ds-101", "uom-mgt-110", 0.25), ("hbu-hi-101", "lw-hlth-101", 0.4),
    ("lw-stats-101", "uom-ds-120", 0.3),
]
for a, b, fraction in OVERLAPS:
    low, high = sorted((a, b))  # stored once, from < to
    link("OVERLAPS", low, high, overlap_fraction=fraction)

# --- qualifications ----------------------------------------------------------------------------


def rule(name, kind, items=(), children=(), double_count=False, **minimums):
    node = {"name": name, "kind": f"RULE_KIND_{kind}", "items": list(items),
            "children": list(children), "allow_double_counting": double_count}
    node.update(minimums)
    return node


def qualification(id, title, provider, lvl, fields, credit_system, required, cap, recency,
                  core, rules, credit, **benefits):
    """`credit` maps each item to the credit it carries toward this qualification (the
    articulation agreement, one CREDIT_TOWARD link each)."""
    facts = dict(BENEFITS[provider])
    facts.update(benefits)
    QUALIFICATIONS.append({
        "id": id, "title": title, "provider_id": provider,
        "level": level(FRAMEWORK[provider], lvl), "fields": list(fields),
        "credit_system": f"CREDIT_SYSTEM_{credit_system}", "credit_required": required,
        "stacked_credit_cap": cap, "recency_months": recency, "core_ids": list(core),
        "rules": rules, "benefits": facts,
    })
    for item, points in credit.items():
        link("CREDIT_TOWARD", item, id, credit_points=points)


QUALIFICATIONS = []

qualification(
    "uom-gc-data-science", "Graduate Certificate in Data Science", "uom", 8, ["0688"],
    "AQF_POINTS", 48, 48, 60, ["uom-ds-101", "uom-ds-201"],
    rule("Course rules", "ALL_OF", children=[
        rule("Breadth", "FROM_DISTINCT_GROUPS", min_groups=2, children=[
            rule("Modelling", "AT_LEAST_ITEMS", min_items=1,
                 items=["uom-ds-250", "uom-ds-301", "uom-ds-302", "uom-ds-310", "uom-ds-320",
                        "lw-ml-101", "hbu-hi-230", "cfa-ds-201"]),
            rule("Data engineering", "AT_LEAST_ITEMS", min_items=1,
                 items=["uom-ds-110", "uom-ds-210", "uom-ds-320"]),
            rule("Data in context", "AT_LEAST_ITEMS", min_items=1,
                 items=["uom-ds-102", "uom-ds-220", "uom-ds-230", "uom-ds-240",
                        "uom-mgt-110", "hbu-hi-240"]),
        ]),
        rule("Advanced study", "CREDITS_AT_LEVEL", min_credits=12, min_level=9,
             double_count=True,
             items=["uom-ds-250", "uom-ds-301", "uom-ds-302", "uom-ds-310", "uom-ds-320",
                    "hbu-hi-230"]),
    ]),
    credit={"uom-ds-101": 12, "uom-ds-201": 12, "uom-ds-102": 6, "uom-ds-105": 6,
            "uom-ds-106": 6, "uom-ds-110": 6, "uom-ds-120": 12, "uom-ds-210": 12,
            "uom-ds-220": 6, "uom-ds-230": 12, "uom-ds-240": 12, "uom-ds-250": 12,
            "uom-ds-301": 12, "uom-ds-302": 12, "uom-ds-310": 12, "uom-ds-320": 12,
            "uom-mgt-110": 6, "hbu-hi-220": 6, "hbu-hi-230": 6, "hbu-hi-240": 6,
            "lw-stats-101": 3, "lw-ml-101": 3, "cfa-ds-201": 6},
    outcomes=["promotion", "salary", "recruitment"], industry_accredited=True,
    industry_accreditor="Australian Computer Society")

HBU_HI_ELECTIVES = ["hbu-hi-201", "hbu-hi-210", "hbu-hi-220", "hbu-hi-230", "hbu-hi-240",
                    "hbu-hi-250", "hbu-hi-260", "hbu-hi-270", "hbu-hi-280", "hbu-hi-301"]
HBU_CREDIT = {"hbu-hi-101": 12, "hbu-hi-102": 12, "hbu-hi-201": 12, "hbu-hi-210": 12,
              "hbu-hi-220": 12, "hbu-hi-230": 12, "hbu-hi-240": 6, "hbu-hi-250": 6,
              "hbu-hi-260": 6, "hbu-hi-270": 12, "hbu-hi-280": 12, "hbu-hi-301": 12,
              "hbu-mgt-101": 6, "hbu-mgt-110": 6, "hbu-mgt-120": 6, "hbu-ds-101": 6,
              "hbu-ds-110": 6, "uom-ds-101": 6, "uom-ds-201": 6, "uom-mgt-101": 6,
              "apma-hpm-201": 6, "lw-hlth-101": 3, "lw-hlth-110": 3}
qualification(
    "hbu-gc-health-informatics", "Graduate Certificate in Health Informatics", "hbu", 8,
    ["0914", "0688"], "AQF_POINTS", 48, 48, 60, ["hbu-hi-101", "hbu-hi-102"],
    rule("Course rules", "ALL_OF", children=[
        rule("Specialisation", "FROM_DISTINCT_GROUPS", min_groups=2, children=[
            rule("Clinical systems", "AT_LEAST_ITEMS", min_items=1,
                 items=["hbu-hi-201", "hbu-hi-210", "hbu-hi-250", "hbu-hi-260"]),
            rule("Health data and analytics", "AT_LEAST_ITEMS", min_items=1,
                 items=["hbu-hi-220", "hbu-hi-230", "hbu-hi-270", "hbu-hi-280",
                        "hbu-ds-101", "hbu-ds-110", "uom-ds-101", "uom-ds-201"]),
            rule("Leadership and governance", "AT_LEAST_ITEMS", min_items=1,
                 items=["hbu-mgt-101", "hbu-mgt-110", "hbu-mgt-120", "hbu-hi-240",
                        "apma-hpm-201", "uom-mgt-101"]),
        ]),
        rule("Health informatics electives", "AT_LEAST_CREDITS", min_credits=12,
             double_count=True, items=HBU_HI_ELECTIVES),
        rule("Graduate level", "CREDITS_AT_LEVEL", min_credits=36, min_level=8,
             double_count=True, items=sorted(HBU_CREDIT)),
    ]),
    credit=HBU_CREDIT, industry_accredited=True,
    industry_accreditor="Australasian Institute of Digital Health")

qualification(
    "ntafe-cert4-programming", "Certificate IV in Information Technology (Programming)",
    "ntafe", 4, ["0613"], "OTHER", 35, 0, 0, ["ntafe-db-101"],
    rule("Qualification rules", "ALL_OF", children=[
        rule("Programming fundamentals", "AT_LEAST_ITEMS", min_items=1,
             items=["ntafe-sd-101", "ntafe-sd-101-ol"]),
        rule("Electives", "AT_LEAST_CREDITS", min_credits=15,
             items=["ntafe-sd-102", "ntafe-sd-110", "ntafe-net-101", "ntafe-os-101",
                    "ntafe-sec-101", "lw-web-101"]),
    ]),
    credit={"ntafe-sd-101": 10, "ntafe-sd-101-ol": 10, "ntafe-db-101": 10,
            "ntafe-sd-102": 10, "ntafe-sd-110": 5, "ntafe-net-101": 10, "ntafe-os-101": 5,
            "ntafe-sec-101": 5, "lw-web-101": 5})

qualification(
    "ntafe-dip-software-dev", "Diploma of Software Development", "ntafe", 5, ["0613"],
    "OTHER", 100, 0, 48, ["ntafe-sd-201", "ntafe-sd-203"],
    rule("Qualification rules", "ALL_OF", children=[
        rule("Certificate IV exit award", "AT_LEAST_ITEMS", min_items=1,
             items=["ntafe-cert4-programming"]),
        rule("Capstone", "AT_LEAST_ITEMS", min_items=1, items=["ntafe-sd-301", "ntafe-sd-302"]),
        rule("Specialisation", "FROM_DISTINCT_GROUPS", min_groups=2, children=[
            rule("Web", "AT_LEAST_ITEMS", min_items=1,
                 items=["ntafe-sd-202", "ntafe-sec-201", "cfa-fs-101"]),
            rule("Data", "AT_LEAST_ITEMS", min_items=1, items=["ntafe-db-201", "ntafe-da-201"]),
            rule("Cloud and operations", "AT_LEAST_ITEMS", min_items=1,
                 items=["ntafe-cloud-101", "cfa-cloud-201"]),
            rule("Mobile and UX", "AT_LEAST_ITEMS", min_items=1,
                 items=["ntafe-sd-220", "ntafe-ux-101", "cfa-ux-101"]),
        ]),
        rule("Diploma-level credit", "CREDITS_AT_LEVEL", min_credits=50, min_level=5,
             double_count=True,
             items=["ntafe-sd-201", "ntafe-sd-202", "ntafe-sd-203", "ntafe-db-201",
                    "ntafe-sd-210", "ntafe-cloud-101", "ntafe-sd-220", "ntafe-ux-101",
                    "ntafe-sd-301", "ntafe-sd-302", "ntafe-sec-201", "ntafe-da-201",
                    "ntafe-ai-201", "ntafe-biz-201", "cfa-fs-101", "cfa-cloud-201",
                    "cfa-ux-101", "apma-agile-201"]),
    ]),
    credit={"ntafe-sd-101": 10, "ntafe-sd-101-ol": 10, "ntafe-sd-102": 10,
            "ntafe-db-101": 10, "ntafe-sd-110": 5, "ntafe-net-101": 10, "ntafe-os-101": 5,
            "ntafe-sec-101": 5, "ntafe-sd-201": 10, "ntafe-sd-202": 10, "ntafe-sd-203": 10,
            "ntafe-db-201": 10,
            "ntafe-sd-210": 10, "ntafe-cloud-101": 10, "ntafe-sd-220": 10,
            "ntafe-ux-101": 10, "ntafe-sd-301": 20, "ntafe-sd-302": 20, "ntafe-sec-201": 10,
            "ntafe-da-201": 10, "ntafe-ai-201": 5, "ntafe-biz-201": 10, "cfa-fs-101": 20,
            "cfa-cloud-201": 10, "cfa-ux-101": 10, "apma-agile-201": 5},
    outcomes=["recruitment", "job security", "salary"], employer_recognition=HIGH)

# --- learners ----------------------------------------------------------------------------------


def learner(id, display_name, held, target, wanted, overrides=(), **profile):
    profile.setdefault("languages", ["en"])
    LEARNERS.append({
        "id": id, "display_name": display_name, "profile": profile,
        "held": [{"credential_id": c, "earned_on": d, "grade": g} for c, d, g in held],
        "target_qualification_id": target, "wanted_skills": list(wanted),
        "overrides": list(overrides),
    })


def circumstances(stage, budget, funding, funding_sources, hours_per_week, time_budget,
                  deadline, onsite, max_onsite_days, competing, hour_value):
    facts = {
        "life_stage": f"LIFE_STAGE_{stage}", "money_budget": money(budget),
        "funding": money(funding), "funding_sources": list(funding_sources),
        "hours_per_week": hours_per_week, "time_budget_hours": time_budget,
        "can_attend_onsite": onsite, "max_onsite_days": max_onsite_days,
        "competing_hours_per_week": competing,
        "opportunity_cost_per_hour_minor": hour_value * 100,
    }
    if deadline:
        facts["deadline"] = deadline
    return facts


def preferences(modes, assessor, peers, pacing):
    return {"preferred_delivery": [MODE[m] for m in modes], "preferred_assessor": assessor,
            "preferred_peer_engagement": peers, "preferred_pacing": f"PACING_{pacing}"}


def motivation(kind, purpose, framework, lvl, prior_skills):
    return {"motivation": f"MOTIVATION_{kind}", "purpose": f"CREDENTIALING_PURPOSE_{purpose}",
            "level_reached": level(framework, lvl), "prior_skills": list(prior_skills)}


LEARNERS = []

learner(
    "learner-career-changer", "Priya Raman",
    held=[("lw-excel-101", "2025-08-02", "Pass"),
          ("lw-py-101", "2025-11-20", "Pass (92%)")],
    target="ntafe-dip-software-dev",
    wanted=["python", "javascript", "rest-apis", "sql"],
    **motivation("CAREER_ADVANTAGE", "NEW_SKILLS", "AQF", 7,
                 ["spreadsheet-analysis", "customer-service", "stakeholder-communication"]),
    **circumstances("CAREER_CHANGE", 4500, 0, [], 12, 900, "2028-12-15", False, 0, 45, 25),
    **preferences(["ONLINE"], EDUCATORS, MEDIUM, "ON_DEMAND"))

learner(
    "learner-sponsored-professional", "Daniel Whitford",
    held=[("apma-pm-101", "2019-08-23", "Pass"),
          ("lw-stats-101", "2021-09-14", "Pass (85%)"),
          ("uom-ds-105", "2023-05-19", "H2A (78)")],
    target="uom-gc-data-science",
    wanted=["machine-learning", "mlops", "data-pipelines"],
    overrides=[{
        "kind": "OVERRIDE_KIND_WAIVE_PREREQUISITE", "credential_id": "uom-ds-210",
        "target": "uom-ds-110",
        "granted_by": "Assoc. Prof. Helen Zhou, Course Coordinator, "
                      "Graduate Certificate in Data Science",
        "granted_on": "2026-11-12",
        "reason": "Ten years designing relational schemas and writing production SQL, "
                  "confirmed by a technical interview.",
    }],
    **motivation("CAREER_ADVANTAGE", "NEW_SKILLS", "AQF", 7,
                 ["java", "sql", "git", "software-design", "agile-delivery"]),
    **circumstances("MID_CAREER", 3000, 12000, [EMPLOYER], 12, 540, "2028-06-30", True, 10,
                    45, 95),
    **preferences(["MOSTLY_ONLINE", "ONLINE"], EDUCATORS, MEDIUM, "SCHEDULED"))

learner(
    "learner-retiree", "Margaret Ellis",
    held=[("lw-ai-101", "2025-03-14", "Completed")],
    target="",
    wanted=["genomics", "data-visualisation", "python", "ai-literacy"],
    **motivation("PERSONAL_INTEREST", "NEW_SKILLS", "AQF", 8,
                 ["teaching", "descriptive-statistics", "communication"]),
    **circumstances("RETIRED", 1500, 0, [], 6, 200, None, True, 5, 4, 0),
    **preferences(["ONLINE", "MOSTLY_ONLINE"], PEERS, HIGH, "SCHEDULED"))

learner(
    "learner-recent-graduate", "Aisha Karim",
    held=[("lw-hlth-101", "2025-12-01", "Pass with distinction")],
    target="hbu-gc-health-informatics",
    wanted=["hl7-fhir", "clinical-decision-support", "health-data"],
    **motivation("CAREER_ADVANTAGE", "NEW_SKILLS", "AQF", 7,
                 ["clinical-workflow", "patient-safety", "clinical-terminology"]),
    **circumstances("EARLY_CAREER", 6000, 2500, [SCHOLARSHIP], 14, 500, "2028-12-15", True,
                    12, 38, 40),
    **preferences(["MOSTLY_ONLINE", "ONLINE"], EDUCATORS, HIGH, "SCHEDULED"))

learner(
    "learner-prior-skills", "Marco Bellini",
    held=[("cfa-fs-101", "2022-06-30", "Graduated")],
    target="ntafe-dip-software-dev",
    wanted=["java", "cloud-computing", "database-design"],
    overrides=[{
        "kind": "OVERRIDE_KIND_COUNT_TOWARD_RULE", "credential_id": "cfa-fs-101",
        "target": "Capstone", "granted_by": "Sam Okafor, RPL assessor, Northgate TAFE",
        "granted_on": "2026-10-30",
        "reason": "Recognition of prior learning: the bootcamp's capstone, a production web "
                  "application, and two client projects were assessed against the capstone "
                  "unit's performance criteria.",
    }],
    **motivation("CAREER_ADVANTAGE", "PRIOR_SKILLS", "AQF", 3,
                 ["javascript", "react", "node-js", "html-css", "git", "rest-apis"]),
    **circumstances("MID_CAREER", 4700, 0, [], 15, 720, "2028-12-15", True, 5, 30, 65),
    **preferences(["ONLINE"], TECHNOLOGY, LOW, "ON_DEMAND"))

# --- output ------------------------------------------------------------------------------------


# The store's order: by endpoints, then by the enum number of the type.
LINK_ORDER = ["LINK_TYPE_LEADS_TO", "LINK_TYPE_COREQUISITE", "LINK_TYPE_RECOMMENDED_BEFORE",
              "LINK_TYPE_CREDIT_TOWARD", "LINK_TYPE_OVERLAPS"]


def document():
    return {
        "providers": sorted(PROVIDERS, key=lambda p: p["id"]),
        "credentials": sorted(CREDENTIALS, key=lambda c: c["id"]),
        "qualifications": sorted(QUALIFICATIONS, key=lambda q: q["id"]),
        "links": sorted(LINKS, key=lambda l: (l["from_id"], l["to_id"],
                                              LINK_ORDER.index(l["type"]), l.get("group", 0))),
        "learners": sorted(LEARNERS, key=lambda l: l["id"]),
    }


def rule_nodes(root):
    nodes = [root]
    while nodes:
        node = nodes.pop()
        nodes += node["children"]
        yield node


def longest_chain(edges):
    """Vertices on the longest path of a directed graph given as (from, to) pairs, or None
    when the edges close a cycle."""
    successors, indegree = {}, {}
    for a, b in edges:
        successors.setdefault(a, []).append(b)
        indegree[b] = indegree.get(b, 0) + 1
        indegree.setdefault(a, 0)
    ready = sorted(v for v, d in indegree.items() if d == 0)
    chain = {v: 1 for v in ready}
    seen = 0
    while ready:
        v = ready.pop()
        seen += 1
        for w in successors.get(v, ()):
            chain[w] = max(chain.get(w, 1), chain[v] + 1)
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    return max(chain.values(), default=0) if seen == len(indegree) else None


def problems(doc):
    """The reference and graph invariants the server enforces on load, plus the promises
    docs/demo-catalog.md makes; one message per problem."""
    found = []
    providers = {p["id"] for p in doc["providers"]}
    creds = {c["id"]: c for c in doc["credentials"]}
    quals = {q["id"]: q for q in doc["qualifications"]}
    if len(creds) != len(doc["credentials"]) or len(quals) != len(doc["qualifications"]):
        found.append("duplicate ids")
    found += [f"{i}: credential and qualification ids collide" for i in creds.keys() & quals.keys()]
    for record in doc["credentials"] + doc["qualifications"]:
        for ref in (record["provider_id"], record.get("partner_provider_id")):
            if ref and ref not in providers:
                found.append(f"{record['id']}: unknown provider {ref}")
    for c in doc["credentials"]:
        if (c["onsite_days"] == 0) != (c["delivery_mode"] == MODE["ONLINE"]):
            found.append(f"{c['id']}: onsite days do not match the delivery mode")
        if bool(c["offerings"]) != (c["pacing"] == "PACING_SCHEDULED"):
            found.append(f"{c['id']}: offerings do not match the pacing")

    edges, overlaps, credit = {}, set(), {q: {} for q in quals}
    for l in doc["links"]:
        kind, a, b = l["type"], l["from_id"], l["to_id"]
        if a not in creds or b not in (quals if kind == "LINK_TYPE_CREDIT_TOWARD" else creds):
            found.append(f"link {a} -> {b} ({kind}): an endpoint does not resolve")
        elif kind == "LINK_TYPE_OVERLAPS":
            if not a < b or (a, b) in overlaps or not 0 < l["overlap_fraction"] <= 1:
                found.append(f"overlap {a} ~ {b}: not stored once as from < to "
                             "with a fraction in (0, 1]")
            overlaps.add((a, b))
        elif kind == "LINK_TYPE_CREDIT_TOWARD":
            credit[b][a] = l["credit_points"]
        else:
            edges.setdefault(kind, []).append((a, b))
    prerequisites = edges["LINK_TYPE_LEADS_TO"]
    if longest_chain(prerequisites + edges["LINK_TYPE_COREQUISITE"] +
                     edges["LINK_TYPE_RECOMMENDED_BEFORE"]) is None:
        found.append("the ordering links (prerequisite, co-requisite, recommended) close a cycle")
    elif not 3 <= longest_chain(prerequisites) <= 5:
        found.append(f"longest prerequisite chain {longest_chain(prerequisites)} is outside 3..5")

    for q in doc["qualifications"]:
        for node in rule_nodes(q["rules"]):
            for item in node["items"]:
                if item not in quals and item not in credit[q["id"]]:
                    found.append(f"{q['id']}, rule {node['name']}: {item} carries no "
                                 "credit toward it")
        for core in q["core_ids"]:
            if core not in credit[q["id"]]:
                found.append(f"{q['id']}: core {core} carries no credit toward it")
        if sum(credit[q["id"]].values()) < q["credit_required"]:
            found.append(f"{q['id']}: the catalogue holds too little credit to complete it")
    for learner in doc["learners"]:
        for held in learner["held"]:
            if held["credential_id"] not in creds:
                found.append(f"{learner['id']}: holds unknown {held['credential_id']}")
        if learner["target_qualification_id"] and learner["target_qualification_id"] not in quals:
            found.append(f"{learner['id']}: unknown target")
        for o in learner["overrides"]:
            if o["kind"] == "OVERRIDE_KIND_WAIVE_PREREQUISITE":
                resolves = (o["target"], o["credential_id"]) in prerequisites
            else:  # a rule of the qualification the learner aims for
                target = quals.get(learner["target_qualification_id"])
                resolves = o["credential_id"] in creds and target is not None and any(
                    node["name"] == o["target"] for node in rule_nodes(target["rules"]))
            if not resolves:
                found.append(f"{learner['id']}: override of {o['credential_id']} does not resolve")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if the committed JSON differs from what this script writes")
    args = parser.parse_args()
    doc = document()
    found = problems(doc)
    if found:
        sys.exit("demo catalogue is invalid:\n  " + "\n  ".join(found))
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is out of date: run {pathlib.Path(__file__).name}")
        return
    OUTPUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
