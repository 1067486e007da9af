@echo off
rem zhibu serve: the collection page, opened in the default browser
"%~dp0zhibu.exe" serve
