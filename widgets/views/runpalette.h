#pragma once

#include <QColor>

namespace lab {

// Colours for runs drawn together, so a run has the same colour in the chart and compare tabs.
// Tableau's 10 categorical colours: distinct on white, and for most colour-blind viewers.
class RunPalette
{
public:
    static QColor color(int index);
};

} // namespace lab
