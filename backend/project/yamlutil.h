#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

// Small helpers shared by the YAML readers of this folder (MLproject, lab profiles). Private to
// backend: yaml-cpp never appears in a public header.
namespace lab::yamlutil {

// Parses a document; a syntax error names the file and the (1-based) line.
Result<YAML::Node> parse(const QByteArray &text, const QString &source, const char *context);

// "<source>, line N: <message>" as an Error with code "INVALID_YAML" or `code`.
Error errorAt(const QString &source, const YAML::Node &node, const QString &message, const char *context,
              const QString &code = QStringLiteral("INVALID_YAML"));

QString text(const YAML::Node &node); // a scalar's text; empty for null or non-scalars
bool isScalar(const YAML::Node &node);
// The node as a block of YAML text (for fields kept verbatim).
QString dump(const YAML::Node &node);

} // namespace lab::yamlutil
