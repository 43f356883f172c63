// Package importer holds what ecsgen's importers of other tools' formats
// share: the Result an importer produces (an app, the comments that explain
// its choices and the report of what did not map), the writer that renders
// a Result as a commented ecsgen manifest, and the rules that turn foreign
// names into ecsgen names.
//
// Importers sit beside the manifest front end: they build a *model.App,
// the same value a manifest decodes into, and the manifest they write
// decodes back into exactly that value.
package importer
