#!/usr/bin/env python3
"""End-to-end walk through the scimd admin console in headless Chromium.

    admin_flow.py BASE_URL SCREENSHOT_DIR (--setup-code CODE | --password PASSWORD)

BASE_URL is where scimd listens (e.g. http://127.0.0.1:8080). With --setup-code the script first
completes the one-time setup with a password of its own; with --password the admin password is
already set. It then signs in, adds an integration, reads the token from the page, provisions a
user and a group through the SCIM API with it, finds them in Users and Groups, screenshots each
"Connect your identity provider" tab, rotates the token (old one 401, new one 200) and deletes the
integration. Every page visited is saved as a PNG in SCREENSHOT_DIR.

Needs python3-selenium, chromium and chromium-driver (Debian packages). Prints "N passed, N failed"
and exits non-zero when anything failed.
"""

import argparse
import json
import os
import secrets
import sys
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 30  # PBKDF2 at 600,000 iterations takes a moment on a busy machine


class Run:
    def __init__(self, base_url, shots):
        self.base = base_url.rstrip("/")
        self.shots = shots
        self.passed = 0
        self.failed = 0
        self.shot_number = 0
        os.makedirs(shots, exist_ok=True)
        self.driver = self.make_driver()

    @staticmethod
    def make_driver(javascript=True):
        opts = webdriver.ChromeOptions()
        opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,900", "--lang=en-US"):
            opts.add_argument(arg)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        if not javascript:
            opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        driver = webdriver.Chrome(service=service, options=opts)
        driver.set_page_load_timeout(WAIT_SECONDS)
        return driver

    # ----- reporting -----

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name} {detail}")
        return condition

    def shot(self, name, width=1280):
        """A full-page PNG named NN-name.png, `width` CSS pixels wide (390 = a phone)."""
        self.shot_number += 1
        d = self.driver
        path = os.path.join(self.shots, f"{self.shot_number:02d}-{name}.png")
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        try:
            # The viewport is made as tall as the page, so the PNG has no scroll bar and nothing cut off.
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            height = d.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
            metrics["height"] = min(max(int(height), 600), 8000)
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            d.execute_script("window.scrollTo(0, 0)")
            d.save_screenshot(path)
        finally:
            d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def console_problems(self):
        """CSP violations and script errors the page reported."""
        try:
            logs = self.driver.get_log("browser")
        except WebDriverException:
            return []
        bad = []
        for entry in logs:
            msg = entry.get("message", "")
            if entry.get("level") == "SEVERE" or "Content Security Policy" in msg or "Content-Security-Policy" in msg:
                if "favicon" in msg or "Failed to load resource" in msg:
                    continue   # an HTTP error status of a page we meant to visit (e.g. the used setup link)
                bad.append(msg)
        return bad

    # ----- browser helpers -----

    def go(self, path):
        self.driver.get(self.base + path)

    def path(self):
        url = self.driver.current_url
        return url[len(self.base):] if url.startswith(self.base) else url

    def el(self, css):
        return WebDriverWait(self.driver, WAIT_SECONDS).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def wait_path(self, prefix):
        try:
            WebDriverWait(self.driver, WAIT_SECONDS).until(lambda d: self.path().startswith(prefix))
            return True
        except Exception:
            return False

    def text(self):
        for _ in range(5):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except WebDriverException:
                time.sleep(0.2)   # the page was being replaced
        return ""

    def wait_text(self, needle):
        """True once `needle` is in the page's text (the form post has finished)."""
        try:
            WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=(WebDriverException,)).until(
                lambda d: needle in d.find_element(By.TAG_NAME, "body").text)
            return True
        except Exception:
            return False

    def fill(self, css, value):
        e = self.el(css)
        e.clear()
        e.send_keys(value)

    def click(self, css):
        self.el(css).click()

    # ----- SCIM over urllib -----

    def scim(self, method, url, token, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Authorization", f"Bearer {token}")
        req.add_header("Accept", "application/scim+json")
        if data is not None:
            req.add_header("Content-Type", "application/scim+json")
        try:
            with urllib.request.urlopen(req, timeout=WAIT_SECONDS) as resp:
                raw = resp.read()
                return resp.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw) if raw else None
            except ValueError:
                return e.code, None


def seeded(run, users, groups, members):
    """The directory `scimd seed --users N [--groups G --members M]` made: paging, search, sorting."""
    d = run.driver
    pages = (users + 49) // 50
    run.go("/integrations")
    run.check("seeded integration listed with its user count", f"{users:,}" in run.text())
    run.go("/users")
    rows = d.find_elements(By.CSS_SELECTOR, "#users-table tbody tr")
    run.check("users page 1: 50 rows of the seeded users", len(rows) == min(50, users), str(len(rows)))
    run.check("users page 1: summary", f"Showing 1–{min(50, users)} of {users:,} users" in run.text())
    run.check("users sorted by name: Given0 first", rows and rows[0].text.startswith("Given0 Family0"), rows[0].text[:40] if rows else "")
    run.check("numbers sort numerically: Given2 right after Given1", len(rows) > 2 and rows[2].text.startswith("Given2 Family2"),
              rows[2].text[:40] if len(rows) > 2 else "")
    run.shot("users-seeded")
    if pages > 1:
        run.click("#page-next")
        run.check("Next → page 2", run.wait_text(f"Showing 51–{min(100, users)} of {users:,} users"))
        run.check("page 2 has Previous", bool(d.find_elements(By.ID, "page-prev")))
        run.shot("users-seeded-page2")
        run.click("#page-prev")
        run.check("← Previous → page 1", run.wait_text(f"Showing 1–50 of {users:,} users"))
        last = (pages - 1) * 50
        run.go(f"/users?offset={last}")
        run.check("last page: summary and no Next", f"Showing {last + 1:,}–{users:,} of {users:,} users" in run.text()
                  and not d.find_elements(By.ID, "page-next"))
    # Search from the form, as an admin would.
    run.go("/users")
    run.fill("#q", "user99")
    run.click("#apply-filters")
    expected = sum(1 for i in range(users) if "user99" in f"user{i}@example.com")
    run.check("search 'user99' finds exactly the matching users", run.wait_text(f"of {expected:,} users"), run.text()[-200:])
    names = [r.text for r in d.find_elements(By.CSS_SELECTOR, "#users-table tbody tr")]
    run.check("every row found matches 'user99'", names and all("user99" in n for n in names), str(names[:3]))
    run.shot("users-seeded-search")
    # Clicking the current sort column (Name ▲) flips it to descending.
    run.go("/users")
    run.driver.find_element(By.CSS_SELECTOR, "#users-table thead th a").click()
    run.wait_path("/users?sort=displayName&dir=desc")
    first = d.find_elements(By.CSS_SELECTOR, "#users-table tbody tr")
    top = f"Given{users - 1} Family{users - 1}"   # names sort with numbers in numeric order
    run.check("Name ▼ puts the last name first (numbers in numeric order)", first and first[0].text.startswith(top), first[0].text[:40] if first else "")
    run.go("/users?status=inactive")
    run.check("status filter: no inactive users", "No users match these filters." in run.text())
    if groups:
        run.go("/groups")
        run.check("groups page lists the seeded groups", f"of {groups:,} groups" in run.text())
        run.shot("groups-seeded")
        run.driver.find_element(By.LINK_TEXT, "Group 0").click()
        run.wait_path("/groups/")
        shown = min(members, 100)
        run.check("group page pages its members", f"Showing 1–{shown} of {members:,} members" in run.text())
        run.shot("group-seeded")
    run.go("/integrations")


def without_javascript(run, details_path):
    """The same session in a browser with JavaScript off: guide tabs still switch, Copy buttons stay hidden."""
    session = next((c for c in run.driver.get_cookies() if c["name"] == "scimd_session"), None)
    drv = Run.make_driver(javascript=False)
    try:
        drv.get(run.base + "/login")
        drv.add_cookie({"name": "scimd_session", "value": session["value"] if session else "", "path": "/"})
        drv.get(run.base + details_path + "#guide-okta")
        okta = drv.find_element(By.ID, "guide-okta")
        entra = drv.find_element(By.ID, "guide-entra")
        run.check("without JavaScript: the Okta tab shows the Okta guide only", okta.is_displayed() and not entra.is_displayed())
        copies = drv.find_elements(By.CSS_SELECTOR, "[data-copy]")
        run.check("without JavaScript: Copy buttons are hidden, values still selectable",
                  copies and not any(c.is_displayed() for c in copies) and drv.find_element(By.ID, "scim-url").is_displayed())
    finally:
        drv.quit()


def flow(run, setup_code, password, seeded_users=0, seeded_groups=0, seeded_members=0):
    d = run.driver
    suffix = secrets.token_hex(3)

    # --- setup (first start) ---
    if setup_code:
        password = "browser-test " + secrets.token_urlsafe(12)
        run.go("/")
        run.check("/ redirects to setup before a password exists", run.wait_path("/setup"), run.path())
        run.go(f"/setup?code={urllib.request.quote(setup_code)}")
        run.check("setup form shown for the right code", "Choose the admin password" in run.text())
        run.shot("setup")
        run.fill("#password", password)
        run.fill("#confirm", password)
        run.click("#set-password")
        run.check("setup signs in and lands on Integrations", run.wait_path("/integrations"), run.path())
        run.shot("integrations-after-setup")
        run.click("#sign-out")
        run.check("sign out returns to the sign-in page", run.wait_path("/login"), run.path())
        run.go(f"/setup?code={urllib.request.quote(setup_code)}")
        run.check("setup link works only once", "Setup is not available" in run.text())
        run.shot("setup-gone")

    # --- sign in ---
    run.go("/integrations")
    run.check("signed-out visit redirects to sign-in", run.wait_path("/login"), run.path())
    run.fill("#password", "wrong password " + suffix)
    run.click("#sign-in")
    run.check("wrong password refused", run.wait_text("not correct"))
    run.shot("login-failed")
    run.fill("#password", password)
    run.click("#sign-in")
    run.check("sign-in lands on Integrations", run.wait_path("/integrations"), run.path())
    cookies = {c["name"]: c for c in d.get_cookies()}
    session = cookies.get("scimd_session", {})
    run.check("session cookie is HttpOnly and SameSite=Strict",
              session.get("httpOnly") is True and session.get("sameSite") == "Strict", str(session))
    run.shot("integrations")

    if seeded_users:
        seeded(run, seeded_users, seeded_groups, seeded_members)

    # --- add integration ---
    name = f"Browser test {suffix}"
    run.click("#add-integration")
    run.check("add page", run.wait_path("/integrations/new"), run.path())
    run.shot("add-integration")
    run.fill("#name", name)
    run.click("#generate-token")
    run.wait_text("will not be visible again")
    token = run.el("#token").get_attribute("value")
    scim_url = run.el("#scim-url").get_attribute("value")
    run.check("token shown in a readonly field", token.startswith("scimd_") and run.el("#token").get_attribute("readonly") is not None, token[:8])
    run.check("SCIM API URL ends in /api/v1/scim", scim_url.endswith("/api/v1/scim"), scim_url)
    run.check("copy button is visible with JavaScript on", run.el("#copy-token").is_displayed())
    run.shot("token-shown-once")
    run.shot("token-shown-once-phone", width=390)
    # Done without the checkbox: the browser's `required` keeps us on the page.
    run.click("#done")
    time.sleep(0.3)
    run.check("Done needs the checkbox (client side)", run.el("#token").get_attribute("value") == token)
    run.click("#copied")
    run.click("#done")
    run.check("Done returns to Integrations", run.wait_text("is ready") and name in run.text(), run.path())
    run.check("token not shown after Done", token not in d.page_source)
    run.shot("integrations-with-new")
    # The row's ellipsis menu of the seeds: View details, Rename, Rotate token, Delete.
    run.driver.find_element(By.CSS_SELECTOR, f'summary[aria-label="Actions for {name}"]').click()
    items = [e.text for e in d.find_elements(By.CSS_SELECTOR, "details.menu[open] li a")]
    run.check("ellipsis menu offers View details, Rename, Rotate token, Delete",
              items == ["View details", "Rename", "Rotate token", "Delete"], str(items))
    run.shot("integration-menu")
    run.shot("integration-menu-phone", width=390)
    run.go("/integrations")

    # --- provision through the SCIM API with the token ---
    user_name = f"ada.{suffix}@example.com"
    status, user = run.scim("POST", scim_url + "/Users", token, {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "userName": user_name, "externalId": f"ext-{suffix}",
        "name": {"formatted": "Ada Lovelace", "givenName": "Ada", "familyName": "Lovelace"},
        "displayName": "Ada Lovelace", "title": "Analyst", "active": True,
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Engines"},
    })
    run.check("SCIM POST /Users with the token → 201", status == 201, str(status))
    user_id = (user or {}).get("id", "")
    group_name = f"Engineers {suffix}"
    status, group = run.scim("POST", scim_url + "/Groups", token, {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName": group_name, "members": [{"value": user_id}],
    })
    run.check("SCIM POST /Groups with the user as member → 201", status == 201, str(status))

    # --- Users and Groups ---
    run.go("/users?q=" + urllib.request.quote(user_name))
    run.check("user listed in Users", user_name in run.text() and "Ada Lovelace" in run.text())
    run.shot("users")
    run.shot("users-phone", width=390)
    run.driver.find_element(By.LINK_TEXT, "Ada Lovelace").click()
    run.wait_path("/users/")
    body = run.text()
    run.check("user page shows attributes, group and JSON",
              "Engines" in body and "Analyst" in body and group_name in body and '"userName"' in body)
    run.shot("user-detail")
    run.go("/groups?q=" + urllib.request.quote(group_name))
    run.check("group listed in Groups with 1 member", group_name in run.text())
    run.shot("groups")
    run.driver.find_element(By.LINK_TEXT, group_name).click()
    run.wait_path("/groups/")
    run.check("group page lists the member", "Ada Lovelace" in run.text())
    run.shot("group-detail")
    run.driver.find_element(By.LINK_TEXT, "Ada Lovelace").click()
    run.check("member links to the user page", run.wait_path("/users/"), run.path())

    # --- integration details and the four guides ---
    run.go("/integrations")
    run.driver.find_element(By.LINK_TEXT, name).click()
    run.check("details page", run.wait_path("/integrations/") and "Connect your identity provider" in run.text())
    details_path = run.path().split("#")[0]
    run.check("details show the SCIM API URL", run.el("#scim-url").get_attribute("value") == scim_url)
    run.check("details show counts", run.el("#user-count").text == "1" and run.el("#group-count").text == "1")
    run.shot("integration-details")
    for tab, title, field in (("entra", "Microsoft Entra ID", "Tenant URL"), ("okta", "Okta", "SCIM connector base URL"),
                              ("onelogin", "OneLogin", "SCIM Base URL"), ("jumpcloud", "JumpCloud", "Token Key")):
        run.click(f"#tab-guide-{tab}")
        section = run.el(f"#guide-{tab}")
        others = [s for s in ("entra", "okta", "onelogin", "jumpcloud") if s != tab]
        run.check(f"{title} tab shows its guide only",
                  section.is_displayed() and not any(d.find_element(By.ID, f"guide-{o}").is_displayed() for o in others))
        run.check(f"{title} guide has '{field}' and this server's URL", field in section.text and scim_url in section.text)
        run.shot(f"guide-{tab}")
    run.go(details_path)
    run.shot("integration-details-phone", width=390)
    without_javascript(run, details_path)

    # What IdPs send while connecting: Entra's and OneLogin's look-ups of objects that do not exist,
    # a SCIM 1.1 body (JumpCloud set to SCIM 1.1), and JumpCloud's Test Connection (create, delete).
    status, body = run.scim("GET", scim_url + "/Users?filter=" + urllib.request.quote('userName eq "3e59e27b-68ad-41f5-bb0e-dadf130e2ac8"'), token)
    run.check("Entra test connection: user look-up → 200, empty list", status == 200 and (body or {}).get("totalResults") == 0, str(status))
    status, _ = run.scim("GET", scim_url + "/Groups?excludedAttributes=members&filter=" + urllib.request.quote('displayName eq "x"'), token)
    run.check("Entra test connection: group look-up → 200", status == 200, str(status))
    status, body = run.scim("POST", scim_url + "/Users", token, {"schemas": ["urn:scim:schemas:core:1.0"], "userName": "old@example.com"})
    run.check("SCIM 1.1 body → 400 naming the SCIM 2.0 setting", status == 400 and "SCIM 2.0" in (body or {}).get("detail", ""), str(status))
    test_email = f"jc-test.{suffix}@example.com"
    for attempt in (1, 2):   # the admin re-runs the test with the same address
        status, u = run.scim("POST", scim_url + "/Users", token, {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                                                                 "userName": test_email, "emails": [{"value": test_email, "primary": True}]})
        status_g, g = run.scim("POST", scim_url + "/Groups", token, {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                                    "displayName": f"JumpCloud test {suffix}"})
        del_g, _ = run.scim("DELETE", scim_url + "/Groups/" + (g or {}).get("id", "none"), token)
        del_u, _ = run.scim("DELETE", scim_url + "/Users/" + (u or {}).get("id", "none"), token)
        run.check(f"JumpCloud test connection #{attempt}: create and delete a user and a group",
                  (status, status_g, del_g, del_u) == (201, 201, 204, 204), str((status, status_g, del_g, del_u)))

    run.go("/activity")
    run.check("activity lists the SCIM requests", "/Users" in run.text() and "/Groups" in run.text())
    run.check("activity highlights the failed request with its scimType", bool(d.find_elements(By.CSS_SELECTOR, "tr.row-failed"))
              and "invalidValue" in run.text())
    run.check("activity explains JumpCloud's Test Connection", bool(d.find_elements(By.ID, "jumpcloud-test-note")))
    run.shot("activity")

    # --- rotate ---
    run.go(details_path)
    run.click("#rotate")
    run.check("rotate asks for confirmation", run.wait_path(details_path + "/rotate") and "stops working immediately" in run.text())
    run.shot("rotate-confirm")
    run.click("#confirm-rotate")
    run.wait_text("New token for")
    new_token = run.el("#token").get_attribute("value")
    run.check("rotation shows a new token", new_token.startswith("scimd_") and new_token != token)
    run.shot("rotated-token")
    run.click("#copied")
    run.click("#done")
    run.wait_text("is ready")
    status, _ = run.scim("GET", scim_url + "/Users", token)
    run.check("old token → 401", status == 401, str(status))
    status, _ = run.scim("GET", scim_url + "/Users", new_token)
    run.check("new token → 200", status == 200, str(status))

    # --- delete ---
    run.go(details_path)
    run.click("#delete")
    run.wait_path(details_path + "/delete")
    consequences = run.el("#delete-consequences").text
    run.check("delete confirm states the counts", "1 user" in consequences and "1 group" in consequences, consequences)
    run.shot("delete-confirm")
    run.click("#confirm-delete")
    run.check("deleted, back on Integrations", run.wait_text(f"Deleted “{name}”"))
    run.shot("integrations-after-delete")
    status, _ = run.scim("GET", scim_url + "/Users", new_token)
    run.check("deleted integration's token → 401", status == 401, str(status))

    problems = run.console_problems()
    run.check("no CSP violations or script errors", not problems, "; ".join(problems)[:500])

    run.click("#sign-out")
    run.check("signed out", run.wait_path("/login"))
    run.go("/users")
    run.check("after sign-out the console needs sign-in again", run.wait_path("/login"))
    run.shot("signed-out")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url")
    parser.add_argument("screenshot_dir")
    cred = parser.add_mutually_exclusive_group(required=True)
    cred.add_argument("--setup-code")
    cred.add_argument("--password")
    parser.add_argument("--seeded-users", type=int, default=0, help="the server was seeded with this many users (scimd seed)")
    parser.add_argument("--seeded-groups", type=int, default=0)
    parser.add_argument("--seeded-members", type=int, default=0)
    args = parser.parse_args()

    run = Run(args.base_url, args.screenshot_dir)
    try:
        flow(run, args.setup_code, args.password, args.seeded_users, args.seeded_groups, args.seeded_members)
    except Exception:
        traceback.print_exc()
        run.failed += 1
        try:
            run.shot("error")
        except Exception:
            pass
    finally:
        run.driver.quit()
    print(f"{run.passed} passed, {run.failed} failed")
    sys.exit(1 if run.failed else 0)


if __name__ == "__main__":
    main()
