// Package sport holds SportHub's sports-science libraries, shared by the
// training and integrations services: the activity model (activity), file
// formats (actfile), sensor frames (sensor), geometry of routes (route),
// analytics and formulas (analysis) and the demo-season generator (demo).
// They do no I/O of their own beyond the readers and writers they are
// given, and import no service.
package sport
