/**
 * Questions about a year's result that write nothing: what the result would be under other rules
 * ({@link io.zoneeval.analysis.WhatIf}), and how firmly each zone holds its place when the indicator scores
 * move ({@link io.zoneeval.analysis.Sensitivity}). Both start from a committed run's result, read at the
 * versions it recorded, and decide places and prizes with the evaluation's own code.
 */
package io.zoneeval.analysis;
