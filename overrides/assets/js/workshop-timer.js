/* workshop-timer.js */
