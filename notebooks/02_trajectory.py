# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python (beschut werk)
#     language: python
#     name: beschut-werk
# ---

# %% [markdown] tags=["lang:en"]
# # Trajectory: when will 30,000 and 50,000 people work in beschut werk?
#
# The Participatiewet foresees 30,000 beschut werk jobs by 2048; the 2017 coalition agreement
# spoke of 50,000, with no year. This report forecasts the number of people working in beschut
# werk with a model whose yearly pace may change, tests its intervals on the past, and sets beside
# it what each goal would take. The answer first; the evidence follows.
#
# Relies on: [F1 the headline forecast](../ASSUMPTIONS.md#f1),
# [F2 comparison models](../ASSUMPTIONS.md#f2), [F3 backtests](../ASSUMPTIONS.md#f3),
# [F4 conditional paths](../ASSUMPTIONS.md#f4), [F5 wording, fit window](../ASSUMPTIONS.md#f5),
# [T1 time scale](../ASSUMPTIONS.md#t1), [T2 qualifiers](../ASSUMPTIONS.md#t2),
# [F15 words](../ASSUMPTIONS.md#f15).

# %% [markdown] tags=["lang:nl"]
# # Verloop: wanneer werken er 30.000 en 50.000 mensen in beschut werk?
#
# De Participatiewet gaat uit van 30.000 banen in beschut werk in 2048; het regeerakkoord van 2017
# sprak van 50.000, zonder jaartal. Dit rapport voorspelt het aantal mensen aan het werk in
# beschut werk met een model waarin het tempo per jaar mag veranderen, toetst de onzekerheid
# ervan aan het verleden, en zet ernaast wat elk doel zou vragen. Eerst het antwoord, daarna de
# onderbouwing.
#
# Steunt op: [F1 de hoofdprognose](../ASSUMPTIONS.md#f1),
# [F2 vergelijkingsmodellen](../ASSUMPTIONS.md#f2), [F3 terugtoetsen](../ASSUMPTIONS.md#f3),
# [F4 voorwaardelijke paden](../ASSUMPTIONS.md#f4),
# [F5 formulering, periode van de modellen](../ASSUMPTIONS.md#f5),
# [T1 tijdschaal](../ASSUMPTIONS.md#t1), [T2 kwalificaties](../ASSUMPTIONS.md#t2),
# [F15 woordkeus](../ASSUMPTIONS.md#f15).

# %% tags=["parameters"]
fit_start = 2015  # first year (of the reference date) of observations used (1990..2100)
fit_end = None  # last year of observations used; None: the last year with a working figure
goals = [30000, 50000]  # goal levels (people); each above the last observation
horizon = 2060  # simulate up to 31 December of this year (2048..2200, after fit_end)
interval = 0.8  # central probability of intervals and goal-year ranges, in (0, 1)
n_paths = 10000  # simulated paths per model (100..100,000)
seed = 20150101  # seed of the random number generator (a whole number, at least 0)
pace_drift_prior = 200.0  # prior scale of the yearly pace's drift, people/year per year (10..2000)
nowcast_year = 2026  # nowcast for 31 December of this year (fit_start..horizon)
language = "en"  # language of the report: "en" or "nl"
processed_dir = "data/processed"  # where series.csv is read
output_dir = "reports/baseline"  # where tables/, figures/ and results.json are written

# %% tags=["remove-input"]
from IPython.display import Markdown

from helpers import trajectory
from helpers.outputs import update_results
from helpers.plotting import use_house_style
from helpers.presentation import publish_figure
from helpers.scenario_schema import refuse_unknown_parameters

refuse_unknown_parameters("02_trajectory", globals())
params = trajectory.validate_parameters(globals())
run = trajectory.analyse(params)
trajectory.write_tables(run)
update_results(params.output_dir, trajectory.SECTION, trajectory.key_numbers(run))
use_house_style()

# %% tags=["remove-input"]
Markdown(trajectory.answer(run, language))

# %% [markdown] tags=["lang:en"]
# **The flagship figure** puts the answer on one page: the published figures (blue; hollow marks
# for "circa" and "more than"), the taakstelling gemeenten were funded for (orange; dashed where
# no figure was published and the path is filled by the rule of [P1](../ASSUMPTIONS.md#p1)), the
# headline forecast, the mixture of the credible models (median and interval, green), the median
# of each credible model (thin grey lines: how far the models disagree), the pace it would take
# to reach 30,000 by 2030 (dotted: a condition, not a forecast), the two goals and the years 2030
# and 2048 ([F17](../ASSUMPTIONS.md#f17)).

# %% [markdown] tags=["lang:nl"]
# **De hoofdfiguur** zet het antwoord op één pagina: de gepubliceerde cijfers (blauw; open
# markeringen voor "circa" en "meer dan"), de taakstelling waarvoor gemeenten geld kregen (oranje;
# gestreept waar geen cijfer is gepubliceerd en het pad is aangevuld volgens de regel van
# [P1](../ASSUMPTIONS.md#p1)), de hoofdprognose, het mengsel van de geloofwaardige modellen
# (mediaan en interval, groen), de mediaan van elk geloofwaardig model (dunne grijze lijnen: zo
# ver lopen de modellen uiteen), het tempo dat nodig is om 30.000 in 2030 te halen (gestippeld: een
# voorwaarde, geen prognose), de twee doelen en de jaren 2030 en 2048
# ([F17](../ASSUMPTIONS.md#f17)).

# %% tags=["remove-input"]
publish_figure(trajectory.figure_flagship(run, language), params.output_dir, "flagship")

# %% [markdown] tags=["lang:en"]
# ## The figures it rests on
#
# Every figure of people working in the fit window, with its date, qualifier and source. Only the
# figures dated after 1 January 2017, when beschut werk became a legal duty, enter the headline
# model: the start-up years would otherwise read as a pace that drifts wildly
# ([F1](../ASSUMPTIONS.md#f1)).

# %% [markdown] tags=["lang:nl"]
# ## De cijfers waarop het rust
#
# Elk cijfer over mensen aan het werk in de periode van de modellen, met datum, kwalificatie en
# bron. Alleen de cijfers van na 1 januari 2017, toen beschut werk een wettelijke plicht werd,
# tellen mee in het hoofdmodel: anders zouden de opstartjaren lezen als een tempo dat wild
# verschuift ([F1](../ASSUMPTIONS.md#f1)).

# %% tags=["remove-input"]
trajectory.observation_table(params.observations, language)

# %% tags=["remove-input"]
Markdown(trajectory.fit_window_text(run, language))

# %% [markdown] tags=["lang:en"]
# ## The headline forecast: a pace that may drift
#
# A local linear trend in state-space form (statsmodels `UnobservedComponents`) on a monthly
# index: each figure sits in its own month, months without one are missing, nothing is
# interpolated. Level and yearly pace both drift; how much is not estimated as a single number
# (with so few points it would come out as "not at all") but integrated over with a half-normal
# prior on the drift of the yearly pace ([F1](../ASSUMPTIONS.md#f1)). Goal years are read off
# simulated levels. How much the answer depends on that prior:

# %% [markdown] tags=["lang:nl"]
# ## De hoofdprognose: een tempo dat mag verschuiven
#
# Een lokale lineaire trend in toestandsruimtevorm (statsmodels `UnobservedComponents`) op
# maandbasis: elk cijfer staat in zijn eigen maand, maanden zonder cijfer ontbreken, er wordt
# niets geïnterpoleerd. Zowel het niveau als het tempo per jaar mag verschuiven; hoeveel wordt
# niet als één getal geschat (met zo weinig cijfers zou dat uitkomen op "helemaal niet"), maar
# gemiddeld over een vooraf gekozen halfnormale verdeling van de verschuiving van het jaartempo
# ([F1](../ASSUMPTIONS.md#f1)). De jaren waarin een doel wordt gehaald, volgen uit gesimuleerde
# paden. Hoe sterk het antwoord afhangt van die vooraf gekozen schaal:

# %% tags=["remove-input"]
trajectory.sensitivity_table(run, language)

# %% [markdown] tags=["lang:en"]
# Beside the headline stand comparison models ([F2](../ASSUMPTIONS.md#f2)). The straight lines
# (linear trend, segmented trend) and the random walk keep one pace for decades, so their ranges
# are narrow: they answer "when, if the pace of 2017–2022 never changes". The headline lets the
# pace drift as much as the data and the prior allow, and its range is the honest one. The
# damped-trend model lets the pace fade; with its parameters at their bounds it is the
# pessimistic comparison.
#
# Their estimated parameters (for the local linear trend: the level and yearly pace at the last
# figure and the posterior of the two disturbance standard deviations; for the damped trend: how
# many smoothing parameters sit at a bound):

# %% [markdown] tags=["lang:nl"]
# Naast het hoofdmodel staan vergelijkingsmodellen ([F2](../ASSUMPTIONS.md#f2)). De rechte lijnen
# (lineaire trend, gesegmenteerde trend) en de toevalswandeling houden decennialang één tempo
# vast, dus hun bereik is smal: ze beantwoorden "wanneer, als het tempo van 2017–2022 nooit
# verandert". Het hoofdmodel laat het tempo zoveel verschuiven als de cijfers en de vooraf
# gekozen schaal toelaten, en zijn bereik is het eerlijke. Het model met gedempte trend laat het
# tempo afnemen; met zijn parameters op hun grens is het de sombere vergelijking.
#
# Hun geschatte parameters (voor de lokale lineaire trend: het niveau en het jaartempo bij het
# laatste cijfer en de schatting achteraf van de twee standaardafwijkingen; voor de gedempte
# trend: hoeveel afvlakkingsparameters op een grens liggen):

# %% tags=["remove-input"]
trajectory.parameter_table(run, language)

# %% [markdown] tags=["lang:en"]
# The year each goal is reached, per forecast model (dot: median; bar: range). Chances are given
# for 30,000 only, which has a deadline; 50,000 has none.

# %% [markdown] tags=["lang:nl"]
# Het jaar waarin elk doel wordt gehaald, per prognosemodel (punt: mediaan; balk: bereik). Kansen
# staan er alleen bij voor 30.000, dat een termijn heeft; 50.000 heeft die niet.

# %% tags=["remove-input"]
trajectory.goal_year_table(run, language)

# %% tags=["remove-input"]
publish_figure(
    trajectory.figure_goal_years(run, language), params.output_dir, "trajectory_goal_years"
)

# %% [markdown] tags=["lang:en"]
# ## Model risk: a stock that leaks, and the mixture of the credible models
#
# The number working grows by placements minus people leaving. The **stock-flow model**
# ([F7](../ASSUMPTIONS.md#f7)) is the local linear trend with a share of the stock leaving every
# year; the counts cannot tell an exit rate of 0.5% from one of 5% (a higher exit rate is matched
# by more placements), so the rate is integrated over a stated prior (uniform, 0.5–8% a year). With
# the exit rate at zero it is the local linear trend. The difference shows only decades ahead.
#
# No single model is the answer. The headline is a **mixture of the credible models**
# ([F8](../ASSUMPTIONS.md#f8)): a model is credible when it rests on at least four figures, no
# parameter sits at a bound, and the backtest scored it; the credible models get stated, equal
# weights, because the backtest (below) cannot tell them apart where they differ. The answer
# quotes the mixture and the range of the chance across the credible models.

# %% [markdown] tags=["lang:nl"]
# ## Modelrisico: een voorraad die weglekt, en het mengsel van de geloofwaardige modellen
#
# Het aantal mensen aan het werk groeit met de plaatsingen min de mensen die vertrekken. Het
# **voorraad-stroommodel** ([F7](../ASSUMPTIONS.md#f7)) is de lokale lineaire trend waarbij elk
# jaar een deel van de voorraad vertrekt; de tellingen kunnen een uitstroom van 0,5% niet
# onderscheiden van een van 5% (meer uitstroom gaat samen met meer plaatsingen), dus de uitstroom
# wordt gemiddeld over een vooraf gekozen verdeling (gelijkmatig, 0,5–8% per jaar). Met een
# uitstroom van nul is het de lokale lineaire trend. Het verschil wordt pas decennia vooruit
# zichtbaar.
#
# Geen enkel model is het antwoord. Het hoofdmodel is een **mengsel van de geloofwaardige
# modellen** ([F8](../ASSUMPTIONS.md#f8)): een model is geloofwaardig als het op minstens vier
# cijfers rust, geen parameter op een grens ligt en de terugtoets het heeft beoordeeld; de
# geloofwaardige modellen krijgen vooraf vastgelegde, gelijke gewichten, omdat de terugtoets
# (hieronder) ze niet kan onderscheiden waar ze verschillen. Het antwoord noemt het mengsel en de
# spreiding van de kans over de geloofwaardige modellen.

# %% tags=["remove-input"]
trajectory.model_risk_table(run, language)

# %% tags=["remove-input"]
Markdown(trajectory.exit_bound_text(run, language))

# %% [markdown] tags=["lang:en"]
# ## Do the intervals hold? Backtests
#
# Each model is refitted on every past training set (all figures up to one of them) and predicts
# every later figure; each (training set, target) pair is one case with its real lead time
# ([F3](../ASSUMPTIONS.md#f3)). Per lead-time band: cases, mean absolute error, the share of cases
# inside the intervals (nominal: the `interval` parameter) and the interval score, which rewards
# narrow intervals and penalises misses. The model with the lowest interval score on the cases all
# candidates share draws the figures' band; the answer quotes the mixture. `tables/backtest.csv`
# adds coverage at 50, 80 and 95%, the weighted interval score and the number of distinct
# training sets and targets behind each figure; `tables/backtest_pit.csv` a coarse PIT histogram
# ([F13](../ASSUMPTIONS.md#f13)). The backtest sees leads of at most about five years: it can
# check the short-run spread, and it cannot identify the long-run drift of the pace or the exit
# rate, which decide the goal years.

# %% [markdown] tags=["lang:nl"]
# ## Kloppen de intervallen? De terugtoets
#
# Elk model wordt opnieuw geschat op elke eerdere reeks cijfers (alle cijfers tot en met een
# ervan) en voorspelt elk later cijfer; elk paar (reeks, doelcijfer) is één geval met zijn echte
# vooruitkijktijd ([F3](../ASSUMPTIONS.md#f3)). Per vooruitkijktijd: het aantal gevallen, de
# gemiddelde absolute fout, het aandeel gevallen binnen de intervallen (beoogd: de parameter
# `interval`) en de intervalscore, die smalle intervallen beloont en missers bestraft. Het model
# met de laagste intervalscore op de gevallen die alle kandidaten delen, tekent de band in de
# figuren; het antwoord noemt het mengsel. `tables/backtest.csv` voegt de dekking bij 50, 80 en
# 95% toe, de gewogen intervalscore en het aantal verschillende reeksen en doelcijfers achter elk
# getal; `tables/backtest_pit.csv` een grof PIT-histogram ([F13](../ASSUMPTIONS.md#f13)). De
# terugtoets kijkt hooguit ongeveer vijf jaar vooruit: hij kan de spreiding op korte termijn
# toetsen, maar niet de verschuiving van het tempo op lange termijn of de uitstroom, en die
# bepalen de jaren waarin de doelen worden gehaald.

# %% tags=["remove-input"]
trajectory.backtest_table(run, language)

# %% tags=["remove-input"]
Markdown(trajectory.backtest_text(run, language))

# %% [markdown] tags=["lang:en"]
# The share of cases inside the interval (left) and the interval score (right) per model and
# lead time; every bar carries its number of cases.

# %% [markdown] tags=["lang:nl"]
# Het aandeel gevallen binnen het interval (links) en de intervalscore (rechts) per model en
# vooruitkijktijd; bij elke staaf staat het aantal gevallen.

# %% tags=["remove-input"]
publish_figure(trajectory.figure_backtest(run, language), params.output_dir, "trajectory_backtest")

# %% [markdown] tags=["lang:en"]
# ## What it would take, and what the figures rule out
#
# Conditional paths assume their answer, so they carry no interval and no probability
# ([F4](../ASSUMPTIONS.md#f4)): the pace from the latest figure to each goal by 2030 and 2048,
# S-curves whose ceiling is fixed at a goal, and the funded taakstelling path to 30,000 in 2048.

# %% [markdown] tags=["lang:nl"]
# ## Wat ervoor nodig is, en wat de cijfers uitsluiten
#
# Voorwaardelijke paden nemen hun antwoord aan, dus ze hebben geen interval en geen kans
# ([F4](../ASSUMPTIONS.md#f4)): het tempo vanaf het laatste cijfer naar elk doel in 2030 en 2048,
# S-curves met hun plafond op een doel, en het gefinancierde pad van de taakstelling naar 30.000
# in 2048.

# %% tags=["remove-input"]
Markdown(trajectory.conditional_text(run, language))

# %% [markdown] tags=["lang:en"]
# ## A cross-check from the inflow
#
# People can only start in beschut werk with a positive UWV advice. Where both counts are
# published for the same date:

# %% [markdown] tags=["lang:nl"]
# ## De instroom als controle
#
# Mensen kunnen alleen in beschut werk beginnen met een positief advies van UWV. Waar beide
# tellingen voor dezelfde datum zijn gepubliceerd:

# %% tags=["remove-input"]
trajectory.pipeline_table(run, language)

# %% tags=["remove-input"]
Markdown(trajectory.pipeline_text(run.pipeline, language))
