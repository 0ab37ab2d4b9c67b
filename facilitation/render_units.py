"""Units: layout works in millimetres; reportlab draws in points."""

MM = 72 / 25.4
