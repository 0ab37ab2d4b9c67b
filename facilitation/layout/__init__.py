"""Layout: plain geometry in millimetres, testable without opening a PDF."""
