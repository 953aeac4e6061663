#include "runpalette.h"

namespace lab {

QColor RunPalette::color(int index)
{
    static const QRgb colors[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                  0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    const int n = int(std::size(colors));
    QColor c = QColor::fromRgb(colors[((index % n) + n) % n]);
    // Past ten runs, repeat the hues darker rather than inventing near-duplicates.
    if (index >= n)
        c = c.darker(100 + 30 * (index / n));
    return c;
}

} // namespace lab
