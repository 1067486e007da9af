#!/usr/bin/env python3
"""The Python peer for `cargo bench --bench scale`: reads the same files as
`zhibu check` with the usual libraries (python-docx, openpyxl), every
paragraph and table cell of each .docx and every cell of each .xlsx, and
recognises nothing. Legacy .doc/.xls/.ods files are counted and skipped
(these libraries cannot read them). Prints: files read, skipped, seconds.

    pip install openpyxl python-docx
    python3 benches/peer.py INBOX
"""
import os
import sys
import time

import docx
import openpyxl


def read_docx(path):
    d = docx.Document(path)
    n = 0
    for p in d.paragraphs:
        n += len(p.text)

    def table(t):
        nonlocal n
        for row in t.rows:
            for cell in row.cells:
                n += len(cell.text)
                for inner in cell.tables:
                    table(inner)

    for t in d.tables:
        table(t)
    return n


def read_xlsx(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if v is not None:
                    n += 1
    return n


def main():
    inbox = sys.argv[1]
    start = time.perf_counter()
    read = skipped = 0
    for root, dirs, files in os.walk(inbox):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            path = os.path.join(root, name)
            ext = name.rsplit(".", 1)[-1].lower()
            if ext == "docx":
                read_docx(path)
                read += 1
            elif ext == "xlsx":
                read_xlsx(path)
                read += 1
            else:
                skipped += 1
    print(f"{read} {skipped} {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
