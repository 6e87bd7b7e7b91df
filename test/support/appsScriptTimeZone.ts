// Apps Script runs with the script's time zone (appsscript.json: Asia/Tokyo) as its local time zone;
// the gas and bundle layers run the same way, whatever TZ the machine has.
process.env.TZ = 'Asia/Tokyo';
