#!/usr/bin/env python3
"""Browser test of `zhibu serve` in headless Chromium over WebDriver (selenium).

A committee uploads an application with a planted mistake (its budget items
do not add up) through its page and sees the mistake listed; the department's
page, open in another tab, updates its counts live; the department downloads
申报汇总表.xlsx and reads it back.

Needs Debian's chromium + chromium-driver and `pip install selenium`
(.ci/run installs them) and a built binary: target/release/zhibu, or
$CARGO_TARGET_DIR/release/zhibu, or --zhibu PATH.

    python3 tests/browser/serve_browser.py [--zhibu PATH] [--screenshots DIR]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANTED = "机械学院/机械学院-机械2023级研究生党支部-对标争先申请表.docx"
BRANCH = "机械2023级研究生党支部"
COMMITTEE = "机械工程学院党委"


def find_binary(given):
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "zhibu"


def start_server(zhibu, work):
    inbox = work / "inbox"
    shutil.copytree(ROOT / "inbox", inbox)
    upload = work / Path(PLANTED).name
    shutil.move(str(inbox / PLANTED), upload)
    proc = subprocess.Popen(
        [str(zhibu), "serve", "--bind", "127.0.0.1:0", "--debounce-ms", "500",
         "--inbox", str(inbox), "--outbox", str(work / "outbox")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = proc.stdout.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+)", first)
    if not m:
        proc.kill()
        raise SystemExit(f"server did not start: {first!r}")
    # Drain the rest of stdout in the background.
    import threading
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    tokens = json.loads((work / "outbox/.zhibu-serve/tokens.json").read_text())
    origin = m.group(1)
    return proc, upload, f"{origin}/d/{tokens['department']}/", \
        f"{origin}/c/{tokens['committees'][COMMITTEE]}/"


def browser(downloads, profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", f"--user-data-dir={profile}",
              "--window-size=1280,1000", "--lang=zh-CN"]:
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    })
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
    except Exception:
        pass
    return driver


def wait(what, fn, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = fn()
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {what}")


def screenshot(driver, path):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height + 160, 800), 4000))
    time.sleep(0.3)
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhibu")
    ap.add_argument("--screenshots")
    args = ap.parse_args()
    zhibu = find_binary(args.zhibu)
    if not zhibu.is_file():
        raise SystemExit(f"no zhibu binary at {zhibu}: build it first (cargo build --release)")
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        raise SystemExit("chromium/chromedriver not installed: apt-get install chromium chromium-driver")
    from selenium.webdriver.common.by import By

    work = Path(tempfile.mkdtemp(prefix="zhibu-browser-"))
    downloads = work / "downloads"
    downloads.mkdir()
    proc, upload, dept_url, committee_url = start_server(zhibu, work)
    driver = browser(downloads, work / "profile")
    try:
        # The department's page, open before the upload.
        driver.get(dept_url)
        row = f"tr[data-committee='{COMMITTEE}']"

        def apps():
            return int(driver.find_element(By.CSS_SELECTOR, f"{row} td.apps").text)

        def files():
            return int(driver.find_element(By.CSS_SELECTOR, f"{row} td.files").text)

        apps_before, files_before = apps(), files()
        dept_tab = driver.current_window_handle

        # The committee uploads through its page.
        driver.switch_to.new_window("tab")
        driver.get(committee_url)
        assert COMMITTEE in driver.find_element(By.TAG_NAME, "h1").text
        driver.find_element(By.ID, "files").send_keys(str(upload))
        card = wait("the upload's result", lambda: next(
            (c for c in driver.find_elements(By.CSS_SELECTOR, "#uploads li.upload")
             if "已保存为" in c.text), None))
        assert "预算不平" in card.text, card.text
        assert "须修改" in card.text, card.text
        assert "2,800" in card.text or "2800" in card.text, card.text
        # After the full run, the committee's list shows the file (live update).
        wait("the committee's file list", lambda: Path(upload).name in
             driver.find_element(By.ID, "live").text)
        if args.screenshots:
            screenshot(driver, Path(args.screenshots) / "committee.png")

        # The department's tab updated by itself (server-sent events).
        driver.switch_to.window(dept_tab)
        wait("the department's counts", lambda: apps() == apps_before + 1)
        assert files() == files_before + 1, (files(), files_before)
        wait("run finished", lambda: "最近核对于" in driver.find_element(By.ID, "runstatus").text)
        if args.screenshots:
            screenshot(driver, Path(args.screenshots) / "department.png")

        # Download 申报汇总表.xlsx and read it back.
        link = wait("the download link", lambda: next(
            (a for a in driver.find_elements(By.CSS_SELECTOR, ".downloads a")
             if a.text == "申报汇总表.xlsx"), None))
        link.click()
        xlsx = wait("the download", lambda: next(
            (p for p in downloads.iterdir() if p.suffix == ".xlsx"), None))
        wait("download complete", lambda: not any(
            p.suffix == ".crdownload" for p in downloads.iterdir()))
        with zipfile.ZipFile(xlsx) as z:
            strings = z.read("xl/sharedStrings.xml").decode("utf-8")
        assert BRANCH in strings, "the uploaded application is in the summary"
        print("browser: committee upload shows 预算不平; department counts "
              f"{apps_before}→{apps()}; downloaded {xlsx.name} ({xlsx.stat().st_size} bytes)")
    finally:
        driver.quit()
        proc.kill()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    print("browser: 1 passed, 0 failed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"browser: FAILED: {e}")
        print("browser: 0 passed, 1 failed")
        sys.exit(1)
