// Runs before the page is drawn: tells the stylesheet that scripts run, so that the menu
// collapses on small screens without first flashing open. Without JavaScript the menu
// stays open and every link in it works.
document.documentElement.classList.add("js");
