/* qr.h: a text as a QR code drawn in SVG (libqrencode), for links a phone camera opens: the
 * two-factor enrolment URI, a meeting's sign-in link. It draws nothing else and does not
 * decode. */
#pragma once

struct arena;

/* text as an SVG QR code (error correction M, 4-module quiet zone, black on white) in a; NULL
 * when the text is too long for a QR code or the drawing outgrew 256 KiB. */
const char *qr_svg(const char *text, struct arena *a);
