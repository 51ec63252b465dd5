/* qr.c: QR codes as SVG (see qr.h): one path of unit squares, crisp at any size. It does not
 * choose a version or mask itself; libqrencode does. */
#include "core/compat.h"
#include <qrencode.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/qr.h"

const char *qr_svg(const char *text, struct arena *a)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    struct buf b;

    if (!q)
        return NULL;
    buf_init(&b, a, 256u << 10);
    buf_printf(&b,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
               "shape-rendering=\"crispEdges\"><rect width=\"100%%\" height=\"100%%\" "
               "fill=\"#fff\"/><path fill=\"#000\" d=\"",
               q->width + 8, q->width + 8);
    for (int y = 0; y < q->width; y++)
        for (int x = 0; x < q->width; x++)
            if (q->data[y * q->width + x] & 1)
                buf_printf(&b, "M%d %dh1v1h-1z", x + 4, y + 4);
    buf_printf(&b, "\"/></svg>");
    QRcode_free(q);
    return buf_failed(&b) ? NULL : buf_cstr(&b);
}
